namespace Connectors.Testing.WooCommerce;

/// <summary>One variation to seed into the <see cref="WooCommerceEmulator"/>.</summary>
/// <param name="Sku">The variation's SKU.</param>
/// <param name="Option">Its attribute value (for example <c>M</c>).</param>
/// <param name="Stock">Its stock, or <see langword="null"/> for stock not managed.</param>
/// <param name="Price">Its regular price.</param>
public sealed record WooCommerceEmulatorVariation(string Sku, string Option, int? Stock, decimal Price = 10m);

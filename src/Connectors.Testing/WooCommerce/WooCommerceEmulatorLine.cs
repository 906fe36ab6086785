namespace Connectors.Testing.WooCommerce;

/// <summary>One line of an order seeded into the <see cref="WooCommerceEmulator"/>.</summary>
/// <param name="ProductId">The product id (the parent for a variation).</param>
/// <param name="Quantity">The quantity ordered.</param>
/// <param name="Price">The unit price.</param>
/// <param name="VariationId">The variation id, or 0 for a simple product.</param>
public sealed record WooCommerceEmulatorLine(long ProductId, int Quantity, decimal Price, long VariationId = 0);

namespace Connectors.Testing.WooCommerce;

/// <summary>One variation to seed into the <see cref="WooCommerceEmulator"/>.</summary>
public sealed record WooCommerceEmulatorVariation
{
    /// <summary>The variation's SKU.</summary>
    public required string Sku { get; init; }

    /// <summary>Its attribute value (for example <c>M</c>).</summary>
    public required string Option { get; init; }

    /// <summary>Its stock, or <see langword="null"/> for stock not managed.</summary>
    public int? Stock { get; init; }

    /// <summary>Its regular price.</summary>
    public decimal Price { get; init; } = 10m;
}

namespace Connectors.Testing.WooCommerce;

/// <summary>One line of an order seeded into the <see cref="WooCommerceEmulator"/>.</summary>
public sealed record WooCommerceEmulatorLine
{
    /// <summary>The product id (the parent for a variation).</summary>
    public required long ProductId { get; init; }

    /// <summary>The quantity ordered.</summary>
    public required int Quantity { get; init; }

    /// <summary>The unit price.</summary>
    public required decimal Price { get; init; }

    /// <summary>The variation id, or 0 for a simple product.</summary>
    public long VariationId { get; init; }
}

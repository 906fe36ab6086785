namespace Connectors;

/// <summary>One row whose computed quantity differs from what the channel last acknowledged.</summary>
public sealed record InventoryChange
{
    /// <summary>The row.</summary>
    public required InventoryKey Key { get; init; }

    /// <summary>The WMS SKU behind a single-component item, or <see langword="null"/> for a bundle.</summary>
    public string? Sku { get; init; }

    /// <summary>What the channel last acknowledged, or <see langword="null"/> when never pushed.</summary>
    public int? Acknowledged { get; init; }

    /// <summary>The computed quantity.</summary>
    public required int Quantity { get; init; }
}

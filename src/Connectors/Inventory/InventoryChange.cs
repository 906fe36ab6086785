namespace Connectors;

/// <summary>One row whose computed quantity differs from what the channel last acknowledged.</summary>
/// <param name="Key">The row.</param>
/// <param name="Sku">The WMS SKU behind a single-component item, or <see langword="null"/> for a bundle.</param>
/// <param name="Acknowledged">What the channel last acknowledged, or <see langword="null"/> when never pushed.</param>
/// <param name="Quantity">The computed quantity.</param>
public sealed record InventoryChange(InventoryKey Key, string? Sku, int? Acknowledged, int Quantity);

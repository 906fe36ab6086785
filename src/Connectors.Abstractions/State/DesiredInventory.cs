namespace Connectors;

/// <summary>A new desired quantity for an inventory row, as the engine computed it.</summary>
/// <param name="Key">The row.</param>
/// <param name="Quantity">The quantity the channel should show; not negative.</param>
/// <param name="Sku">The WMS SKU behind the item, for diagnostics.</param>
public readonly record struct DesiredInventory(InventoryKey Key, int Quantity, string? Sku = null);

namespace Connectors;

/// <summary>A new desired quantity for an inventory row, as the engine computed it.</summary>
public readonly record struct DesiredInventory
{
    /// <summary>The row.</summary>
    public required InventoryKey Key { get; init; }

    /// <summary>The quantity the channel should show; not negative.</summary>
    public required int Quantity { get; init; }

    /// <summary>The WMS SKU behind the item, for diagnostics.</summary>
    public string? Sku { get; init; }
}

namespace Connectors;

/// <summary>An item the WMS knows, with what the listing report needs beyond stock.</summary>
public sealed record WarehouseItem
{
    /// <summary>The WMS SKU.</summary>
    public required string Sku { get; init; }

    /// <summary>
    /// Whether the WMS no longer sells the item (no replenishment, phased out). An active listing of it is a problem in
    /// the listing report, and the channel's opted-in actions set its listings to zero or take them down.
    /// </summary>
    public bool Discontinued { get; init; }
}

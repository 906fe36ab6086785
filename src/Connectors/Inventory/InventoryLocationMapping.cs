namespace Connectors.Inventory;

/// <summary>One WMS location feeding one channel location.</summary>
public sealed class InventoryLocationMapping
{
    /// <summary>The WMS location id (as in <see cref="StockLevel.LocationId"/>).</summary>
    /// <value>Required.</value>
    public string WarehouseLocation { get; set; } = string.Empty;

    /// <summary>The channel location id (as in <see cref="InventoryTarget.LocationId"/>).</summary>
    /// <value>Required.</value>
    public string ChannelLocation { get; set; } = string.Empty;

    /// <summary>The percentage of the WMS location's stock this channel location may show.</summary>
    /// <value>Default 100; from 0 to 100.</value>
    public decimal Percent { get; set; } = 100m;
}

namespace Connectors;

/// <summary>A return the WMS should expect, in WMS SKUs.</summary>
public sealed record ExpectedReturn
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's return id.</summary>
    public required string ReturnId { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string ChannelOrderId { get; init; }

    /// <summary>SKU and quantity expected, with the channel line each came from.</summary>
    public required IReadOnlyList<WarehouseShipmentLine> Lines { get; init; }
}

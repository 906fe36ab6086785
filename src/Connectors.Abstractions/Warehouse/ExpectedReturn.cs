namespace Connectors;

/// <summary>A return the WMS should expect, in WMS SKUs.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="ReturnId">The channel's return id.</param>
/// <param name="ChannelOrderId">The channel's order id.</param>
/// <param name="Lines">SKU and quantity expected, with the channel line each came from.</param>
public sealed record ExpectedReturn(string Channel, string ReturnId, string ChannelOrderId, IReadOnlyList<WarehouseShipmentLine> Lines);

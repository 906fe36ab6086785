namespace Connectors;

/// <summary>A fulfilment as the channel records it.</summary>
/// <param name="FulfillmentId">The channel's fulfilment id.</param>
/// <param name="ChannelOrderId">The channel's order id.</param>
/// <param name="Lines">The lines and quantities it covers.</param>
/// <param name="Tracking">Tracking per parcel.</param>
/// <param name="IdempotencyKey">The key the fulfilment was created with, where the channel keeps it (WMS shipment id).</param>
public sealed record ChannelFulfillment(
    string FulfillmentId,
    string ChannelOrderId,
    IReadOnlyList<FulfillmentLine> Lines,
    IReadOnlyList<TrackingInfo> Tracking,
    string? IdempotencyKey = null);

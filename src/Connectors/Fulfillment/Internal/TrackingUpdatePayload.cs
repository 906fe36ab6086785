namespace Connectors.Fulfillment.Internal;

/// <summary>A tracking change for a shipment already sent to the channel, waiting in the outbox.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="ChannelOrderId">The channel order id.</param>
/// <param name="ShipmentId">The WMS shipment id the fulfilment was created with.</param>
/// <param name="Tracking">The full new tracking list.</param>
internal sealed record TrackingUpdatePayload(string Channel, string ChannelOrderId, string ShipmentId, IReadOnlyList<TrackingInfo> Tracking);

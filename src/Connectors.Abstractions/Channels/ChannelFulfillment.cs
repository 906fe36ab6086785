namespace Connectors;

/// <summary>A fulfilment as the channel records it.</summary>
public sealed record ChannelFulfillment
{
    /// <summary>The channel's fulfilment id.</summary>
    public required string FulfillmentId { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string ChannelOrderId { get; init; }

    /// <summary>The lines and quantities it covers.</summary>
    public required IReadOnlyList<FulfillmentLine> Lines { get; init; }

    /// <summary>Tracking per parcel.</summary>
    public required IReadOnlyList<TrackingInfo> Tracking { get; init; }

    /// <summary>The key the fulfilment was created with, where the channel keeps it (WMS shipment id).</summary>
    public string? IdempotencyKey { get; init; }
}

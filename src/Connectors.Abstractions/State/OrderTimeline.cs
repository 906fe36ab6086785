namespace Connectors;

/// <summary>
/// When the events of one order happened, as far as the engine saw them: the durable record seller-performance
/// figures are computed from. As an update (<see cref="IOrderTimelineStore.RecordOrderTimelineAsync"/>) a
/// <see langword="null"/> field leaves the stored one as it is.
/// </summary>
public sealed class OrderTimeline
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>When the order was placed on the channel (<see cref="ChannelOrder.CreatedAt"/>). The first value stored is kept.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    /// <summary>The order's ship-by deadline (<see cref="WarehouseOrder.ShipBy"/>). A later value replaces an earlier one.</summary>
    public DateTimeOffset? ShipBy { get; init; }

    /// <summary>When the WMS accepted the order. The first value stored is kept.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>When the WMS refused the order. The first value stored is kept.</summary>
    public DateTimeOffset? RefusedAt { get; init; }

    /// <summary>When the order was cancelled. The first value stored is kept.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>When the first shipment of the order was confirmed on the channel. The earliest value stored is kept.</summary>
    public DateTimeOffset? FirstConfirmedAt { get; init; }
}

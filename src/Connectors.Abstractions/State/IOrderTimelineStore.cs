namespace Connectors;

/// <summary>
/// An optional capability of an <see cref="ISyncStateStore"/>: durable per-order and per-shipment timelines, from which
/// the engine computes seller performance (late shipments, valid tracking, cancellations, latencies). The engine
/// uses it when its store implements this interface, and otherwise keeps the timelines in process memory. Fields merge
/// atomically in the store (see <see cref="OrderTimeline"/>), so several hosts, and a retried work item, recording
/// the same order never lose or move an event.
/// </summary>
public interface IOrderTimelineStore
{
    /// <summary>
    /// Merges an update into the order's timeline, creating it when absent: <see cref="OrderTimeline.PlacedAt"/>,
    /// <see cref="OrderTimeline.AcceptedAt"/>, <see cref="OrderTimeline.RefusedAt"/> and <see cref="OrderTimeline.CancelledAt"/>
    /// keep the first value stored, <see cref="OrderTimeline.ShipBy"/> takes the new value, <see cref="OrderTimeline.FirstConfirmedAt"/>
    /// keeps the earliest; a <see langword="null"/> field changes nothing.
    /// </summary>
    /// <param name="update">The update.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask RecordOrderTimelineAsync(OrderTimeline update, CancellationToken cancellationToken = default);

    /// <summary>Stores a confirmed shipment unless one with the same channel and shipment id is stored (the first is kept).</summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when it was known.</returns>
    ValueTask<bool> RecordShipmentTimelineAsync(ShipmentTimeline shipment, CancellationToken cancellationToken = default);

    /// <summary>Lists a channel's order timelines placed, or due (ship-by), at or after <paramref name="since"/>, ordered by order id.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="since">The earliest placement or ship-by of interest.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The timelines.</returns>
    IAsyncEnumerable<OrderTimeline> ListOrderTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Lists a channel's shipments confirmed at or after <paramref name="since"/>, ordered by shipment id.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="since">The earliest confirmation of interest.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The shipments.</returns>
    IAsyncEnumerable<ShipmentTimeline> ListShipmentTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes order timelines placed before <paramref name="olderThan"/> whose ship-by (if any) is before it too, and
    /// shipments confirmed before it.
    /// </summary>
    /// <param name="olderThan">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<long> PruneTimelinesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}

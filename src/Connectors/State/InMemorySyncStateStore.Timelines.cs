using Connectors.Performance.Internal;

namespace Connectors.State;

/// <summary>The order timeline capability (<see cref="IOrderTimelineStore"/>), for seller performance.</summary>
public sealed partial class InMemorySyncStateStore : IOrderTimelineStore
{
    private readonly InMemoryOrderTimelines _timelines = new();

    /// <inheritdoc />
    public ValueTask RecordOrderTimelineAsync(OrderTimeline update, CancellationToken cancellationToken = default) =>
        _timelines.RecordOrderTimelineAsync(update, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> RecordShipmentTimelineAsync(ShipmentTimeline shipment, CancellationToken cancellationToken = default) =>
        _timelines.RecordShipmentTimelineAsync(shipment, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<OrderTimeline> ListOrderTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        _timelines.ListOrderTimelinesAsync(channel, since, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ShipmentTimeline> ListShipmentTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        _timelines.ListShipmentTimelinesAsync(channel, since, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> PruneTimelinesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default) =>
        _timelines.PruneTimelinesAsync(olderThan, cancellationToken);
}

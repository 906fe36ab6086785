using System.Runtime.CompilerServices;

namespace Connectors.Performance.Internal;

/// <summary>
/// Order and shipment timelines in process memory, with the merge rules of <see cref="IOrderTimelineStore"/>. Backs
/// the in-memory store, and the engine when its store keeps no timelines.
/// </summary>
internal sealed class InMemoryOrderTimelines : IOrderTimelineStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Channel, string OrderId), OrderTimeline> _orders = [];
    private readonly Dictionary<(string Channel, string ShipmentId), ShipmentTimeline> _shipments = [];

    public ValueTask RecordOrderTimelineAsync(OrderTimeline update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            var key = (update.Channel, update.OrderId);
            _orders[key] = _orders.TryGetValue(key, out var current) ? Merge(current, update) : update;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The merge rules every store applies: first wins, ship-by replaced, first confirmation earliest.</summary>
    public static OrderTimeline Merge(OrderTimeline current, OrderTimeline update) => new()
    {
        Channel = current.Channel,
        OrderId = current.OrderId,
        PlacedAt = current.PlacedAt ?? update.PlacedAt,
        ShipBy = update.ShipBy ?? current.ShipBy,
        AcceptedAt = current.AcceptedAt ?? update.AcceptedAt,
        RefusedAt = current.RefusedAt ?? update.RefusedAt,
        CancelledAt = current.CancelledAt ?? update.CancelledAt,
        FirstConfirmedAt = Earliest(current.FirstConfirmedAt, update.FirstConfirmedAt),
    };

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a.Value <= b.Value ? a : b);

    public ValueTask<bool> RecordShipmentTimelineAsync(ShipmentTimeline shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        lock (_gate)
        {
            return ValueTask.FromResult(_shipments.TryAdd((shipment.Channel, shipment.ShipmentId), shipment));
        }
    }

    public async IAsyncEnumerable<OrderTimeline> ListOrderTimelinesAsync(string channel, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        OrderTimeline[] rows;
        lock (_gate)
        {
            rows = [.. _orders.Values
                .Where(o => string.Equals(o.Channel, channel, StringComparison.Ordinal) && (o.PlacedAt >= since || o.ShipBy >= since))
                .OrderBy(o => o.OrderId, StringComparer.Ordinal)];
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ShipmentTimeline> ListShipmentTimelinesAsync(string channel, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ShipmentTimeline[] rows;
        lock (_gate)
        {
            rows = [.. _shipments.Values
                .Where(s => string.Equals(s.Channel, channel, StringComparison.Ordinal) && s.ConfirmedAt >= since)
                .OrderBy(s => s.ShipmentId, StringComparer.Ordinal)];
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<long> PruneTimelinesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        long removed = 0;
        lock (_gate)
        {
            foreach (var (key, row) in _orders.ToArray())
            {
                if ((row.PlacedAt is null || row.PlacedAt < olderThan) && (row.ShipBy is null || row.ShipBy < olderThan) && _orders.Remove(key))
                {
                    removed++;
                }
            }

            foreach (var (key, row) in _shipments.ToArray())
            {
                if (row.ConfirmedAt < olderThan && _shipments.Remove(key))
                {
                    removed++;
                }
            }
        }

        return ValueTask.FromResult(removed);
    }
}

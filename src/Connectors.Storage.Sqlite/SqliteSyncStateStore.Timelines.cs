using Microsoft.Data.Sqlite;
using static Connectors.Storage.Sqlite.Internal.TimeCodec;

namespace Connectors.Storage.Sqlite;

/// <summary>Order and shipment timelines for seller performance (<see cref="IOrderTimelineStore"/>), in their own tables.</summary>
public sealed partial class SqliteSyncStateStore : IOrderTimelineStore
{
    private const string TimelineColumns = "channel, order_id, placed_at, ship_by, accepted_at, refused_at, cancelled_at, first_confirmed_at";
    private const string ShipmentTimelineColumns = "channel, shipment_id, order_id, shipped_at, confirmed_at, carrier, valid_tracking";

    /// <inheritdoc />
    public async ValueTask RecordOrderTimelineAsync(OrderTimeline update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(update.Channel);
        ArgumentNullException.ThrowIfNull(update.OrderId);

        // The merge is one statement, so concurrent writers (other processes on the same file) cannot lose a field.
        await ExecuteWriteAsync(
            $"""
            INSERT INTO order_timelines ({TimelineColumns}) VALUES ($channel, $order, $placed, $shipBy, $accepted, $refused, $cancelled, $confirmed)
            ON CONFLICT (channel, order_id) DO UPDATE SET
                placed_at = coalesce(placed_at, excluded.placed_at),
                ship_by = coalesce(excluded.ship_by, ship_by),
                accepted_at = coalesce(accepted_at, excluded.accepted_at),
                refused_at = coalesce(refused_at, excluded.refused_at),
                cancelled_at = coalesce(cancelled_at, excluded.cancelled_at),
                first_confirmed_at = coalesce(min(first_confirmed_at, excluded.first_confirmed_at), first_confirmed_at, excluded.first_confirmed_at)
            """,
            [
                ("$channel", update.Channel), ("$order", update.OrderId), ("$placed", Ticks(update.PlacedAt)), ("$shipBy", Ticks(update.ShipBy)),
                ("$accepted", Ticks(update.AcceptedAt)), ("$refused", Ticks(update.RefusedAt)), ("$cancelled", Ticks(update.CancelledAt)),
                ("$confirmed", Ticks(update.FirstConfirmedAt)),
            ],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RecordShipmentTimelineAsync(ShipmentTimeline shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(shipment.Channel);
        ArgumentNullException.ThrowIfNull(shipment.ShipmentId);
        ArgumentNullException.ThrowIfNull(shipment.OrderId);
        var changed = await ExecuteWriteAsync(
            $"INSERT INTO shipment_timelines ({ShipmentTimelineColumns}) VALUES ($channel, $shipment, $order, $shipped, $confirmed, $carrier, $valid) ON CONFLICT (channel, shipment_id) DO NOTHING",
            [
                ("$channel", shipment.Channel), ("$shipment", shipment.ShipmentId), ("$order", shipment.OrderId), ("$shipped", ToTicks(shipment.ShippedAt)),
                ("$confirmed", ToTicks(shipment.ConfirmedAt)), ("$carrier", shipment.Carrier), ("$valid", shipment.ValidTracking ? 1 : 0),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<OrderTimeline> ListOrderTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return QueryAsync(
            $"SELECT {TimelineColumns} FROM order_timelines WHERE channel = $channel AND (placed_at >= $since OR ship_by >= $since) ORDER BY order_id",
            [("$channel", channel), ("$since", ToTicks(since))],
            static r => new OrderTimeline
            {
                Channel = r.GetString(0),
                OrderId = r.GetString(1),
                PlacedAt = Time(r, 2),
                ShipBy = Time(r, 3),
                AcceptedAt = Time(r, 4),
                RefusedAt = Time(r, 5),
                CancelledAt = Time(r, 6),
                FirstConfirmedAt = Time(r, 7),
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ShipmentTimeline> ListShipmentTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return QueryAsync(
            $"SELECT {ShipmentTimelineColumns} FROM shipment_timelines WHERE channel = $channel AND confirmed_at >= $since ORDER BY shipment_id",
            [("$channel", channel), ("$since", ToTicks(since))],
            static r => new ShipmentTimeline
            {
                Channel = r.GetString(0),
                ShipmentId = r.GetString(1),
                OrderId = r.GetString(2),
                ShippedAt = FromTicks(r.GetInt64(3)),
                ConfirmedAt = FromTicks(r.GetInt64(4)),
                Carrier = r.IsDBNull(5) ? null : r.GetString(5),
                ValidTracking = r.GetInt64(6) != 0,
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long> PruneTimelinesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var cutoff = ToTicks(olderThan);
        long removed = await ExecuteWriteAsync(
            "DELETE FROM order_timelines WHERE (placed_at IS NULL OR placed_at < $cutoff) AND (ship_by IS NULL OR ship_by < $cutoff)",
            [("$cutoff", cutoff)],
            cancellationToken).ConfigureAwait(false);
        removed += await ExecuteWriteAsync("DELETE FROM shipment_timelines WHERE confirmed_at < $cutoff", [("$cutoff", cutoff)], cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static long? Ticks(DateTimeOffset? value) => value?.UtcTicks;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : FromTicks(reader.GetInt64(ordinal));
}

using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>
/// Order and shipment timelines for seller performance (<see cref="IOrderTimelineStore"/>), in their own tables. Each
/// update is one upsert that merges field by field, so several hosts recording the same order never lose an event.
/// </summary>
public sealed partial class PostgreSqlSyncStateStore : IOrderTimelineStore
{
    private const string TimelineColumns = "channel, order_id, placed_at, ship_by, accepted_at, refused_at, cancelled_at, first_confirmed_at";
    private const string ShipmentTimelineColumns = "channel, shipment_id, order_id, shipped_at, confirmed_at, carrier, valid_tracking";

    /// <inheritdoc />
    public async ValueTask RecordOrderTimelineAsync(OrderTimeline update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.order_timelines AS t ({TimelineColumns}) VALUES (@c, @o, @placed, @shipBy, @accepted, @refused, @cancelled, @confirmed)
            ON CONFLICT (channel, order_id) DO UPDATE SET
                placed_at = coalesce(t.placed_at, excluded.placed_at),
                ship_by = coalesce(excluded.ship_by, t.ship_by),
                accepted_at = coalesce(t.accepted_at, excluded.accepted_at),
                refused_at = coalesce(t.refused_at, excluded.refused_at),
                cancelled_at = coalesce(t.cancelled_at, excluded.cancelled_at),
                first_confirmed_at = least(t.first_confirmed_at, excluded.first_confirmed_at)
            """,
            connection);
        command.Parameters.AddWithValue("c", update.Channel);
        command.Parameters.AddWithValue("o", update.OrderId);
        AddTime(command, "placed", update.PlacedAt);
        AddTime(command, "shipBy", update.ShipBy);
        AddTime(command, "accepted", update.AcceptedAt);
        AddTime(command, "refused", update.RefusedAt);
        AddTime(command, "cancelled", update.CancelledAt);
        AddTime(command, "confirmed", update.FirstConfirmedAt);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> RecordShipmentTimelineAsync(ShipmentTimeline shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var changed = await ExecuteAsync(
            $"INSERT INTO {_s}.shipment_timelines ({ShipmentTimelineColumns}) VALUES (@c, @sh, @o, @shipped, @confirmed, @carrier, @valid) ON CONFLICT (channel, shipment_id) DO NOTHING",
            cancellationToken,
            ("c", shipment.Channel),
            ("sh", shipment.ShipmentId),
            ("o", shipment.OrderId),
            ("shipped", shipment.ShippedAt.UtcTicks),
            ("confirmed", shipment.ConfirmedAt.UtcTicks),
            ("carrier", shipment.Carrier),
            ("valid", shipment.ValidTracking)).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<OrderTimeline> ListOrderTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        StreamTimelinesAsync(
            $"SELECT {TimelineColumns} FROM {_s}.order_timelines WHERE channel = @c AND (placed_at >= @since OR ship_by >= @since) ORDER BY order_id COLLATE \"C\"",
            channel,
            since,
            reader => new OrderTimeline
            {
                Channel = reader.GetString(0),
                OrderId = reader.GetString(1),
                PlacedAt = Time(reader, 2),
                ShipBy = Time(reader, 3),
                AcceptedAt = Time(reader, 4),
                RefusedAt = Time(reader, 5),
                CancelledAt = Time(reader, 6),
                FirstConfirmedAt = Time(reader, 7),
            },
            cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ShipmentTimeline> ListShipmentTimelinesAsync(string channel, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        StreamTimelinesAsync(
            $"SELECT {ShipmentTimelineColumns} FROM {_s}.shipment_timelines WHERE channel = @c AND confirmed_at >= @since ORDER BY shipment_id COLLATE \"C\"",
            channel,
            since,
            reader => new ShipmentTimeline
            {
                Channel = reader.GetString(0),
                ShipmentId = reader.GetString(1),
                OrderId = reader.GetString(2),
                ShippedAt = FromTicks(reader.GetInt64(3)),
                ConfirmedAt = FromTicks(reader.GetInt64(4)),
                Carrier = reader.IsDBNull(5) ? null : reader.GetString(5),
                ValidTracking = reader.GetBoolean(6),
            },
            cancellationToken);

    /// <inheritdoc />
    public async ValueTask<long> PruneTimelinesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        long removed = await ExecuteAsync(
            $"DELETE FROM {_s}.order_timelines WHERE (placed_at IS NULL OR placed_at < @cut) AND (ship_by IS NULL OR ship_by < @cut)",
            cancellationToken,
            ("cut", olderThan.UtcTicks)).ConfigureAwait(false);
        removed += await ExecuteAsync($"DELETE FROM {_s}.shipment_timelines WHERE confirmed_at < @cut", cancellationToken, ("cut", olderThan.UtcTicks)).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Streams the rows of one channel's timeline query (parameters <c>@c</c> and <c>@since</c>).</summary>
    private async IAsyncEnumerable<T> StreamTimelinesAsync<T>(
        string sql, string channel, DateTimeOffset since, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("since", since.UtcTicks);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return read(reader);
        }
    }

    private static void AddTime(NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Bigint) { Value = value is { } v ? v.UtcTicks : DBNull.Value });

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : FromTicks(reader.GetInt64(ordinal));
}

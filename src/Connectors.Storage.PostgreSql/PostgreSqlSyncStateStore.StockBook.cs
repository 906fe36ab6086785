using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>
/// The shared stock book (<see cref="IStockBookStore"/>): every host computes desired quantities from the same levels
/// and reservations. Each change takes the row lock of the one <c>stock_book</c> row and bumps its generation in the same
/// transaction, so commits happen in generation order and a repeatable-read view sees exactly the changes up to the
/// generation it reads; desired rows are written only over rows computed from an older generation.
/// </summary>
public sealed partial class PostgreSqlSyncStateStore : IStockBookStore
{
    /// <inheritdoc />
    public async ValueTask<long> RecordStockAsync(IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = LastPerLocation(levels);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var generation = await BumpStockGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await UpsertLevelsAsync(connection, transaction, last, generation, now, overwrite: true, cancellationToken).ConfigureAwait(false);
        await MarkKnownAsync(connection, transaction, [.. last.Select(l => l.Sku).Distinct(StringComparer.Ordinal)], generation, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return generation;
    }

    /// <inheritdoc />
    public async ValueTask<long> AddUnknownStockAsync(IReadOnlyCollection<string> skus, IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var last = LastPerLocation(levels);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);

        // The book's row lock: no other change of the known SKUs can commit while this one decides.
        long generation;
        bool complete;
        using (var read = new NpgsqlCommand($"SELECT generation, complete FROM {_s}.stock_book WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            generation = reader.GetInt64(0);
            complete = reader.GetBoolean(1);
        }

        if (complete || skus.Count == 0)
        {
            return generation;
        }

        var unknown = new List<string>();
        using (var find = new NpgsqlCommand(
            $"SELECT s FROM unnest(@skus) AS u(s) WHERE NOT EXISTS (SELECT 1 FROM {_s}.stock_skus k WHERE k.sku = u.s)", connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter("skus", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = skus.Distinct(StringComparer.Ordinal).ToArray() });
            var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                unknown.Add(reader.GetString(0));
            }
        }

        if (unknown.Count == 0)
        {
            return generation;
        }

        generation = await BumpStockGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var wanted = new HashSet<string>(unknown, StringComparer.Ordinal);
        await UpsertLevelsAsync(connection, transaction, [.. last.Where(l => wanted.Contains(l.Sku))], generation, now, overwrite: true, cancellationToken).ConfigureAwait(false);
        await MarkKnownAsync(connection, transaction, [.. unknown], generation, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return generation;
    }

    /// <inheritdoc />
    public async ValueTask<long> ReplaceStockAsync(IReadOnlyList<StockLevel> levels, long keepChangedAfter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = LastPerLocation(levels);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var generation = await BumpStockGenerationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        using (var clear = new NpgsqlCommand(
            $"""
            DELETE FROM {_s}.stock_levels WHERE generation <= @keep;
            DELETE FROM {_s}.stock_skus WHERE generation <= @keep;
            UPDATE {_s}.stock_book SET complete = true WHERE id = 1;
            """,
            connection,
            transaction))
        {
            clear.Parameters.AddWithValue("keep", keepChangedAfter);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // What is left was recorded while the snapshot was read: newer than the snapshot, so it stays.
        await UpsertLevelsAsync(connection, transaction, last, generation, now, overwrite: false, cancellationToken).ConfigureAwait(false);
        await MarkKnownAsync(connection, transaction, [.. last.Select(l => l.Sku).Distinct(StringComparer.Ordinal)], generation, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return generation;
    }

    /// <inheritdoc />
    public async ValueTask<StockBookSnapshot> ReadStockAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var filter = skus is null ? string.Empty : " WHERE sku = ANY(@skus)";
        var reservedFilter = skus is null ? string.Empty : " WHERE r.skus && @skus AND u.sku = ANY(@skus)";
        using var command = new NpgsqlCommand(
            $"""
            SELECT generation, complete FROM {_s}.stock_book WHERE id = 1;
            SELECT sku FROM {_s}.stock_skus{filter};
            SELECT sku, location, on_hand, reserved FROM {_s}.stock_levels{filter};
            SELECT u.sku, sum(u.q) FROM {_s}.reservations AS r CROSS JOIN LATERAL unnest(r.skus, r.quantities) AS u(sku, q){reservedFilter} GROUP BY u.sku;
            """,
            connection,
            transaction);
        if (skus is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("skus", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = skus.ToArray() });
        }

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var generation = reader.GetInt64(0);
        var complete = reader.GetBoolean(1);
        var known = new List<string>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            known.Add(reader.GetString(0));
        }

        var levels = new List<StockLevel>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            levels.Add(new StockLevel(reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3)));
        }

        var reserved = new List<ReservedQuantity>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var units = reader.GetDecimal(1);
            if (units != 0m)
            {
                reserved.Add(new ReservedQuantity(reader.GetString(0), units));
            }
        }

        return new StockBookSnapshot
        {
            Generation = generation,
            Complete = complete,
            KnownSkus = known,
            Levels = levels,
            Reserved = reserved,
        };
    }

    /// <inheritdoc />
    public async ValueTask<PendingReservation?> GetReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand($"SELECT skus, quantities, created_at FROM {_s}.reservations WHERE channel = @c AND order_id = @o", connection);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("o", orderId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var skus = reader.GetFieldValue<string[]>(0);
        var quantities = reader.GetFieldValue<decimal[]>(1);
        return new PendingReservation
        {
            Channel = channel,
            OrderId = orderId,
            Quantities = [.. skus.Select((s, i) => new ReservedQuantity(s, quantities[i]))],
            CreatedAt = FromTicks(reader.GetInt64(2)),
        };
    }

    /// <inheritdoc />
    public async ValueTask<int> SetDesiredInventoryIfNewerAsync(IReadOnlyList<DesiredInventory> rows, long generation, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        var last = LastPerKey(rows);

        // One order for every writer, so two hosts writing overlapping batches lock rows in the same order.
        var values = last.Values
            .OrderBy(v => v.Key.Channel, StringComparer.Ordinal)
            .ThenBy(v => v.Key.ChannelItemId, StringComparer.Ordinal)
            .ThenBy(v => v.Key.LocationId, StringComparer.Ordinal)
            .ToArray();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);

        // Lock the existing rows (in key order) and read what they hold, to count the rows whose quantity changes.
        var existing = new Dictionary<InventoryKey, (int Desired, long Generation)>();
        using (var read = new NpgsqlCommand(
            $"""
            SELECT t.channel, t.item, t.location, t.desired, t.stock_generation
              FROM {_s}.inventory AS t JOIN unnest(@c, @i, @l) WITH ORDINALITY AS u(c, i, l, n)
                ON t.channel = u.c AND t.item = u.i AND t.location = u.l
             ORDER BY u.n FOR UPDATE OF t
            """,
            connection,
            transaction))
        {
            AddKeyArrays(read, [.. values.Select(v => v.Key)]);
            var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                existing[new InventoryKey(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = (reader.GetInt32(3), reader.GetInt64(4));
            }
        }

        var write = new List<DesiredInventory>(values.Length);
        var changed = 0;
        foreach (var value in values)
        {
            if (existing.TryGetValue(value.Key, out var row))
            {
                if (row.Generation > generation)
                {
                    continue; // computed from a newer view already
                }

                if (row.Desired != value.Quantity)
                {
                    changed++;
                }
                else if (row.Generation == generation)
                {
                    continue;
                }
            }
            else
            {
                changed++;
            }

            write.Add(value);
        }

        if (write.Count > 0)
        {
            using var command = new NpgsqlCommand(
                $"""
                INSERT INTO {_s}.inventory AS t (channel, item, location, desired, version, sku, next_attempt_at, updated_at, stock_generation)
                SELECT c, i, l, q, 1, s, @now, @now, @g FROM unnest(@c, @i, @l, @q, @sku) WITH ORDINALITY AS u(c, i, l, q, s, n) ORDER BY n
                ON CONFLICT (channel, item, location) DO UPDATE
                   SET stock_generation = @g,
                       desired = excluded.desired,
                       version = CASE WHEN t.desired <> excluded.desired THEN t.version + 1 ELSE t.version END,
                       attempts = CASE WHEN t.desired <> excluded.desired THEN 0 ELSE t.attempts END,
                       next_attempt_at = CASE WHEN t.desired <> excluded.desired THEN @now ELSE t.next_attempt_at END,
                       updated_at = CASE WHEN t.desired <> excluded.desired THEN @now ELSE t.updated_at END,
                       last_error = CASE WHEN t.desired <> excluded.desired THEN NULL ELSE t.last_error END,
                       sku = CASE WHEN t.desired <> excluded.desired THEN coalesce(excluded.sku, t.sku) ELSE t.sku END
                 WHERE t.stock_generation <= @g
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue("now", now.UtcTicks);
            command.Parameters.AddWithValue("g", generation);
            AddKeyArrays(command, [.. write.Select(v => v.Key)]);
            command.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = write.Select(v => v.Quantity).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("sku", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = write.Select(v => (object?)v.Sku ?? DBNull.Value).ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    private static List<StockLevel> LastPerLocation(IReadOnlyList<StockLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var last = new Dictionary<(string, string), StockLevel>(levels.Count);
        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i] ?? throw new ConnectorValidationException($"levels[{i}]", "must not be null.");
            last[(level.Sku, level.LocationId)] = level;
        }

        return [.. last.Values.OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.LocationId, StringComparer.Ordinal)];
    }

    private async ValueTask<long> BumpStockGenerationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand($"UPDATE {_s}.stock_book SET generation = generation + 1 WHERE id = 1 RETURNING generation", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async ValueTask UpsertLevelsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<StockLevel> levels, long generation, DateTimeOffset now, bool overwrite, CancellationToken cancellationToken)
    {
        if (levels.Count == 0)
        {
            return;
        }

        var onConflict = overwrite
            ? "DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved, generation = excluded.generation, updated_at = excluded.updated_at"
            : "DO NOTHING";
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.stock_levels (sku, location, on_hand, reserved, generation, updated_at)
            SELECT s, l, h, r, @g, @now FROM unnest(@s, @l, @h, @r) AS u(s, l, h, r)
            ON CONFLICT (sku, location) {onConflict}
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("g", generation);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = levels.Select(l => l.Sku).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = levels.Select(l => l.LocationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = levels.Select(l => l.OnHand).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("r", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = levels.Select(l => l.Reserved).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask MarkKnownAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] skus, long generation, CancellationToken cancellationToken)
    {
        if (skus.Length == 0)
        {
            return;
        }

        Array.Sort(skus, StringComparer.Ordinal);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.stock_skus (sku, generation) SELECT s, @g FROM unnest(@s) AS u(s)
            ON CONFLICT (sku) DO UPDATE SET generation = excluded.generation
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("g", generation);
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = skus });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

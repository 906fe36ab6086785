using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Connectors.Storage.Sqlite.Internal.TimeCodec;

namespace Connectors.Storage.Sqlite;

/// <summary>
/// The stock book capability (<see cref="IStockBookStore"/>): levels, known SKUs and one generation in the file, so
/// every store instance (and process) over it computes from the same view. Writes go through the single writer in one
/// immediate transaction each; reads are one read transaction (a WAL snapshot).
/// </summary>
public sealed partial class SqliteSyncStateStore : IStockBookStore
{
    /// <inheritdoc />
    public async ValueTask<long> RecordStockAsync(IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = LastPerLocation(levels);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var generation = await BumpStockGenerationAsync(scope.Transaction, cancellationToken).ConfigureAwait(false);
            await PutLevelsAsync(scope.Transaction, last, generation, now, overwrite: true, cancellationToken).ConfigureAwait(false);
            await MarkKnownAsync(scope.Transaction, last.Select(l => l.Sku), generation, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return generation;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> AddUnknownStockAsync(IReadOnlyCollection<string> skus, IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var last = LastPerLocation(levels);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var (generation, complete) = await ReadBookAsync(scope.Transaction.Connection!, scope.Transaction, cancellationToken).ConfigureAwait(false);
            if (complete || skus.Count == 0)
            {
                return generation;
            }

            var unknown = new HashSet<string>(StringComparer.Ordinal);
            using (var find = NewCommand(scope.Transaction, "SELECT value FROM json_each($skus) WHERE value NOT IN (SELECT sku FROM stock_skus)"))
            {
                find.Parameters.AddWithValue("$skus", JsonArray(skus));
                var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        unknown.Add(reader.GetString(0));
                    }
                }
            }

            if (unknown.Count == 0)
            {
                return generation;
            }

            generation = await BumpStockGenerationAsync(scope.Transaction, cancellationToken).ConfigureAwait(false);
            await PutLevelsAsync(scope.Transaction, [.. last.Where(l => unknown.Contains(l.Sku))], generation, now, overwrite: true, cancellationToken).ConfigureAwait(false);
            await MarkKnownAsync(scope.Transaction, unknown, generation, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return generation;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> ReplaceStockAsync(IReadOnlyList<StockLevel> levels, long keepChangedAfter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var last = LastPerLocation(levels);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var generation = await BumpStockGenerationAsync(scope.Transaction, cancellationToken).ConfigureAwait(false);
            using (var clear = NewCommand(
                scope.Transaction,
                """
                DELETE FROM stock_levels WHERE generation <= $keep;
                DELETE FROM stock_skus WHERE generation <= $keep;
                UPDATE stock_book SET complete = 1 WHERE id = 1;
                """))
            {
                clear.Parameters.AddWithValue("$keep", keepChangedAfter);
                await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // What is left was recorded while the snapshot was read: newer than the snapshot, so it stays.
            await PutLevelsAsync(scope.Transaction, last, generation, now, overwrite: false, cancellationToken).ConfigureAwait(false);
            await MarkKnownAsync(scope.Transaction, last.Select(l => l.Sku), generation, cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return generation;
        }
    }

    /// <inheritdoc />
    public async ValueTask<StockBookSnapshot> ReadStockAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default)
    {
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection.BeginTransaction(deferred: true);
            await using (transaction.ConfigureAwait(false))
            {
                var (generation, complete) = await ReadBookAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var filter = skus is null ? string.Empty : " WHERE sku IN (SELECT value FROM json_each($skus))";
                var wanted = skus is null ? null : JsonArray(skus);
                var known = new List<string>();
                var levels = new List<StockLevel>();
                var reserved = new Dictionary<string, decimal>(StringComparer.Ordinal);
                await ReadRowsAsync(connection, transaction, $"SELECT sku FROM stock_skus{filter}", wanted, r => known.Add(r.GetString(0)), cancellationToken).ConfigureAwait(false);
                await ReadRowsAsync(
                    connection,
                    transaction,
                    $"SELECT sku, location_id, on_hand, reserved FROM stock_levels{filter}",
                    wanted,
                    r => levels.Add(new StockLevel(r.GetString(0), r.GetString(1), ParseDecimal(r.GetString(2)), ParseDecimal(r.GetString(3)))),
                    cancellationToken).ConfigureAwait(false);
                await ReadRowsAsync(
                    connection,
                    transaction,
                    $"SELECT sku, quantity FROM reservation_lines{filter}",
                    wanted,
                    r => reserved[r.GetString(0)] = reserved.GetValueOrDefault(r.GetString(0)) + ParseDecimal(r.GetString(1)),
                    cancellationToken).ConfigureAwait(false);
                return new StockBookSnapshot(
                    generation,
                    complete,
                    known,
                    levels,
                    [.. reserved.Where(r => r.Value != 0m).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ReservedQuantity(r.Key, r.Value))]);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<PendingReservation?> GetReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT r.created_at, l.sku, l.quantity
                FROM reservations r LEFT JOIN reservation_lines l ON l.channel = r.channel AND l.order_id = r.order_id
                WHERE r.channel = $channel AND r.order_id = $order
                ORDER BY l.ordinal
                """;
            command.Parameters.AddWithValue("$channel", channel);
            command.Parameters.AddWithValue("$order", orderId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                PendingReservation? found = null;
                var lines = new List<ReservedQuantity>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    found ??= new PendingReservation(channel, orderId, lines, FromTicks(reader.GetInt64(0)));
                    if (!reader.IsDBNull(1))
                    {
                        lines.Add(new ReservedQuantity(reader.GetString(1), ParseDecimal(reader.GetString(2))));
                    }
                }

                return found;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> SetDesiredInventoryIfNewerAsync(IReadOnlyList<DesiredInventory> rows, long generation, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var last = new Dictionary<InventoryKey, DesiredInventory>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            CheckKey(row.Key, $"rows[{i}].Key");
            if (row.Quantity < 0)
            {
                throw new ConnectorValidationException(nameof(DesiredInventory.Quantity), $"of {row.Key} must not be negative (was {row.Quantity}).");
            }

            last[row.Key] = row;
        }

        if (last.Count == 0)
        {
            return 0;
        }

        var changed = 0;
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            using var read = NewCommand(scope.Transaction, "SELECT desired, stock_generation FROM inventory WHERE channel = $c AND item_id = $i AND location_id = $l");
            using var insert = NewCommand(
                scope.Transaction,
                """
                INSERT INTO inventory (channel, item_id, location_id, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error, stock_generation)
                VALUES ($c, $i, $l, $q, NULL, 1, $sku, 0, $now, $now, 0, NULL, $g)
                """);
            using var change = NewCommand(
                scope.Transaction,
                """
                UPDATE inventory SET desired = $q, version = version + 1, attempts = 0, next_attempt_at = $now, updated_at = $now,
                    last_error = NULL, sku = coalesce($sku, sku), stock_generation = $g
                WHERE channel = $c AND item_id = $i AND location_id = $l
                """);
            using var claim = NewCommand(scope.Transaction, "UPDATE inventory SET stock_generation = $g WHERE channel = $c AND item_id = $i AND location_id = $l");
            foreach (var row in last.Values)
            {
                SetKey(read, row.Key);
                int? desired = null;
                long stored = 0;
                var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        desired = reader.GetInt32(0);
                        stored = reader.GetInt64(1);
                    }
                }

                SqliteCommand write;
                if (desired is null)
                {
                    write = insert;
                }
                else if (stored > generation)
                {
                    continue; // computed from a newer view already
                }
                else if (desired != row.Quantity)
                {
                    write = change;
                }
                else if (stored < generation)
                {
                    SetKey(claim, row.Key);
                    claim.Parameters.AddWithValue("$g", generation);
                    await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                else
                {
                    continue;
                }

                SetKey(write, row.Key);
                write.Parameters.AddWithValue("$q", row.Quantity);
                write.Parameters.AddWithValue("$sku", (object?)row.Sku ?? DBNull.Value);
                write.Parameters.AddWithValue("$now", ToTicks(now));
                write.Parameters.AddWithValue("$g", generation);
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                changed++;
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    private static void SetKey(SqliteCommand command, InventoryKey key)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$c", key.Channel);
        command.Parameters.AddWithValue("$i", key.ChannelItemId);
        command.Parameters.AddWithValue("$l", key.LocationId);
    }

    private static SqliteCommand NewCommand(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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

        return [.. last.Values];
    }

    private static async ValueTask<(long Generation, bool Complete)> ReadBookAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT generation, complete FROM stock_book WHERE id = 1";
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            return (reader.GetInt64(0), reader.GetInt64(1) != 0);
        }
    }

    private static async ValueTask ReadRowsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, string? skus, Action<SqliteDataReader> read, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (skus is not null)
        {
            command.Parameters.AddWithValue("$skus", skus);
        }

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                read(reader);
            }
        }
    }

    private static async ValueTask<long> BumpStockGenerationAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = NewCommand(transaction, "UPDATE stock_book SET generation = generation + 1 WHERE id = 1 RETURNING generation");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async ValueTask PutLevelsAsync(
        SqliteTransaction transaction, List<StockLevel> levels, long generation, DateTimeOffset now, bool overwrite, CancellationToken cancellationToken)
    {
        if (levels.Count == 0)
        {
            return;
        }

        var onConflict = overwrite
            ? "DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved, generation = excluded.generation, updated_at = excluded.updated_at"
            : "DO NOTHING";
        using var command = NewCommand(
            transaction,
            $"""
            INSERT INTO stock_levels (sku, location_id, on_hand, reserved, generation, updated_at) VALUES ($sku, $location, $onHand, $reserved, $g, $now)
            ON CONFLICT (sku, location_id) {onConflict}
            """);
        var sku = command.Parameters.Add("$sku", SqliteType.Text);
        var location = command.Parameters.Add("$location", SqliteType.Text);
        var onHand = command.Parameters.Add("$onHand", SqliteType.Text);
        var reserved = command.Parameters.Add("$reserved", SqliteType.Text);
        command.Parameters.AddWithValue("$g", generation);
        command.Parameters.AddWithValue("$now", ToTicks(now));
        foreach (var level in levels)
        {
            sku.Value = level.Sku;
            location.Value = level.LocationId;
            onHand.Value = Text(level.OnHand);
            reserved.Value = Text(level.Reserved);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async ValueTask MarkKnownAsync(SqliteTransaction transaction, IEnumerable<string> skus, long generation, CancellationToken cancellationToken)
    {
        using var command = NewCommand(
            transaction,
            "INSERT INTO stock_skus (sku, generation) SELECT value, $g FROM json_each($skus) WHERE true ON CONFLICT (sku) DO UPDATE SET generation = excluded.generation");
        command.Parameters.AddWithValue("$g", generation);
        command.Parameters.AddWithValue("$skus", JsonArray(skus.Distinct(StringComparer.Ordinal)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Connectors.Storage.PostgreSql;

/// <summary>The price flow's state (schema version 3): base prices and price rows; claims use <c>FOR UPDATE SKIP LOCKED</c> and a lease.</summary>
public sealed partial class PostgreSqlSyncStateStore : IPriceStore
{
    private const string PriceColumnList = "channel, item, currency, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, last_error, hold_reason";

    /// <inheritdoc />
    public async ValueTask<int> SetBasePricesAsync(IReadOnlyList<BasePrice> prices, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var last = new Dictionary<(string, string), BasePrice>();
        foreach (var price in prices)
        {
            ArgumentNullException.ThrowIfNull(price);
            last[(price.Sku, price.Price.Currency)] = price;
        }

        if (last.Count == 0)
        {
            return 0;
        }

        var rows = last.Values.ToArray();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.base_prices (sku, currency, amount, cost, updated_at)
            SELECT s, c, a, k, @now FROM unnest(@s, @c, @a, @k) AS u(s, c, a, k)
            ON CONFLICT (sku, currency) DO UPDATE SET amount = excluded.amount, cost = excluded.cost, updated_at = excluded.updated_at
             WHERE {_s}.base_prices.amount::text IS DISTINCT FROM excluded.amount::text OR {_s}.base_prices.cost::text IS DISTINCT FROM excluded.cost::text
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Sku).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Price.Currency).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.Price.Amount).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Numeric) { Value = rows.Select(r => r.Cost?.Amount).ToArray() });
        command.Parameters.AddWithValue("now", now.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<BasePrice>> ReadBasePricesAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"SELECT sku, currency, amount, cost FROM {_s}.base_prices{(skus is null ? string.Empty : " WHERE sku = ANY(@skus)")} ORDER BY sku COLLATE \"C\", currency COLLATE \"C\"",
            connection);
        if (skus is not null)
        {
            command.Parameters.Add(new NpgsqlParameter("skus", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = skus.ToArray() });
        }

        var result = new List<BasePrice>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var currency = reader.GetString(1);
            result.Add(new BasePrice
            {
                Sku = reader.GetString(0),
                Price = new Money(reader.GetDecimal(2), currency),
                Cost = reader.IsDBNull(3) ? null : new Money(reader.GetDecimal(3), currency),
            });
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<int> SetDesiredPricesAsync(IReadOnlyList<DesiredPrice> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var last = new Dictionary<PriceKey, (DesiredPrice Row, string Text)>();
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row);
            if (!string.Equals(row.Key.Currency, row.Price.Currency, StringComparison.Ordinal))
            {
                throw new ConnectorValidationException("Key.Currency", $"of {row.Key} is not the price's currency {row.Price.Currency}.");
            }

            last[row.Key] = (row, row.Price.ToInvariantString());
        }

        if (last.Count == 0)
        {
            return 0;
        }

        var entries = last.Values.ToArray();
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_s}.prices AS t (channel, item, currency, desired, version, sku, attempts, next_attempt_at, updated_at, lease_until, hold_reason)
            SELECT c, i, k, d, 1, s, 0, @now, @now, 0, h FROM unnest(@c, @i, @k, @d, @s, @h) AS u(c, i, k, d, s, h)
            ON CONFLICT (channel, item, currency) DO UPDATE SET
                desired = excluded.desired, version = t.version + 1, sku = excluded.sku, attempts = 0, next_attempt_at = excluded.next_attempt_at,
                updated_at = excluded.updated_at, last_error = NULL, hold_reason = excluded.hold_reason
             WHERE t.desired IS DISTINCT FROM excluded.desired
            """,
            connection);
        AddPriceKeyArrays(command, [.. entries.Select(e => e.Row.Key)]);
        command.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Text).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Row.Sku).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("h", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Row.HoldReason).ToArray() });
        command.Parameters.AddWithValue("now", now.UtcTicks);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PriceRow>> ClaimPendingPricesAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.prices AS t SET lease_until = @until
              FROM (SELECT channel, item, currency FROM {_s}.prices
                     WHERE channel = @channel AND acknowledged IS DISTINCT FROM desired AND hold_reason IS NULL
                       AND next_attempt_at <= @now AND lease_until <= @now
                     ORDER BY next_attempt_at, item COLLATE "C", currency COLLATE "C" LIMIT @max FOR UPDATE SKIP LOCKED) AS due
             WHERE t.channel = due.channel AND t.item = due.item AND t.currency = due.currency
            RETURNING {PriceColumns("t")}
            """,
            connection);
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("until", (now + lease).UtcTicks);
        command.Parameters.AddWithValue("max", maxRows);
        var rows = await ReadPricesAsync(command, cancellationToken).ConfigureAwait(false);
        rows.Sort(static (a, b) =>
        {
            var due = a.NextAttemptAt.CompareTo(b.NextAttemptAt);
            if (due != 0)
            {
                return due;
            }

            var item = string.CompareOrdinal(a.Key.ChannelItemId, b.Key.ChannelItemId);
            return item != 0 ? item : string.CompareOrdinal(a.Key.Currency, b.Key.Currency);
        });
        return rows;
    }

    /// <inheritdoc />
    public async ValueTask AcknowledgePricesAsync(IReadOnlyList<PriceAcknowledgement> acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        if (acknowledgements.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.prices AS t SET acknowledged = u.a, lease_until = 0, attempts = 0, last_error = NULL
              FROM unnest(@c, @i, @k, @a) AS u(c, i, k, a)
             WHERE t.channel = u.c AND t.item = u.i AND t.currency = u.k
            """,
            connection);
        AddPriceKeyArrays(command, [.. acknowledgements.Select(a => a.Key)]);
        command.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = acknowledgements.Select(a => a.Price.ToInvariantString()).ToArray() });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask ReschedulePricesAsync(IReadOnlyList<PriceKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            UPDATE {_s}.prices AS t SET attempts = t.attempts + 1, last_error = @reason, next_attempt_at = @next, lease_until = 0
              FROM unnest(@c, @i, @k) AS u(c, i, k)
             WHERE t.channel = u.c AND t.item = u.i AND t.currency = u.k
            """,
            connection);
        AddPriceKeyArrays(command, [.. keys.Distinct()]);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("next", nextAttemptAt.UtcTicks);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PriceRow>> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"""
            SELECT {PriceColumns("t")} FROM {_s}.prices AS t
              JOIN (SELECT DISTINCT c, i, k FROM unnest(@c, @i, @k) AS u(c, i, k)) AS u ON t.channel = u.c AND t.item = u.i AND t.currency = u.k
            """,
            connection);
        AddPriceKeyArrays(command, [.. keys]);
        return await ReadPricesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PriceRow> ListPricesAsync(
        string? channel, PriceRowFilter filter = PriceRowFilter.All, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var condition = filter switch
        {
            PriceRowFilter.Pending => " AND acknowledged IS DISTINCT FROM desired",
            PriceRowFilter.Held => " AND hold_reason IS NOT NULL",
            _ => string.Empty,
        };
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        using var command = new NpgsqlCommand(
            $"SELECT {PriceColumns(null)} FROM {_s}.prices WHERE (@c::text IS NULL OR channel = @c){condition} ORDER BY channel COLLATE \"C\", item COLLATE \"C\", currency COLLATE \"C\"",
            connection);
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Text) { Value = (object?)channel ?? DBNull.Value });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadPrice(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync(
            $"UPDATE {_s}.prices SET hold_reason = NULL, next_attempt_at = @now, attempts = 0 WHERE channel = @c AND item = @i AND currency = @k AND version = @v AND hold_reason IS NOT NULL",
            cancellationToken,
            ("now", now.UtcTicks), ("c", key.Channel), ("i", key.ChannelItemId), ("k", key.Currency), ("v", version)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async ValueTask<bool> DiscardHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // One statement each way, so a concurrent change of the row (a new version) makes both match nothing.
        var deleted = await ExecuteAsync(
            $"DELETE FROM {_s}.prices WHERE channel = @c AND item = @i AND currency = @k AND version = @v AND hold_reason IS NOT NULL AND acknowledged IS NULL",
            cancellationToken,
            ("c", key.Channel), ("i", key.ChannelItemId), ("k", key.Currency), ("v", version)).ConfigureAwait(false);
        if (deleted == 1)
        {
            return true;
        }

        return await ExecuteAsync(
            $"""
            UPDATE {_s}.prices SET desired = acknowledged, hold_reason = NULL, version = version + 1, updated_at = @now, next_attempt_at = @now, attempts = 0
             WHERE channel = @c AND item = @i AND currency = @k AND version = @v AND hold_reason IS NOT NULL AND acknowledged IS NOT NULL
            """,
            cancellationToken,
            ("now", now.UtcTicks), ("c", key.Channel), ("i", key.ChannelItemId), ("k", key.Currency), ("v", version)).ConfigureAwait(false) == 1;
    }

    private static string PriceColumns(string? alias) =>
        alias is null ? PriceColumnList : string.Join(", ", PriceColumnList.Split(", ").Select(c => alias + "." + c));

    private static void AddPriceKeyArrays(NpgsqlCommand command, PriceKey[] keys)
    {
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Channel).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.ChannelItemId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Currency).ToArray() });
    }

    private static async Task<List<PriceRow>> ReadPricesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<PriceRow>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ReadPrice(reader));
        }

        return rows;
    }

    private static PriceRow ReadPrice(NpgsqlDataReader r) => new()
    {
        Key = new PriceKey(r.GetString(0), r.GetString(1), r.GetString(2)),
        Desired = ChannelPrice.Parse(r.GetString(3)),
        Acknowledged = r.IsDBNull(4) ? null : ChannelPrice.Parse(r.GetString(4)),
        Version = r.GetInt64(5),
        Sku = r.IsDBNull(6) ? null : r.GetString(6),
        Attempts = r.GetInt32(7),
        NextAttemptAt = FromTicks(r.GetInt64(8)),
        UpdatedAt = FromTicks(r.GetInt64(9)),
        LastError = r.IsDBNull(10) ? null : r.GetString(10),
        HoldReason = r.IsDBNull(11) ? null : r.GetString(11),
    };
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using static Connectors.Storage.Sqlite.Internal.TimeCodec;

namespace Connectors.Storage.Sqlite;

/// <summary>The price flow's state (schema version 4): base prices and price rows, each call one transaction.</summary>
public sealed partial class SqliteSyncStateStore : IPriceStore
{
    private const string PriceColumns = "channel, item_id, currency, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, last_error, hold_reason";

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

        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var changed = 0;
            foreach (var price in last.Values)
            {
                var upsert = Command(
                    """
                    INSERT INTO base_prices (sku, currency, amount, cost, updated_at) VALUES ($sku, $currency, $amount, $cost, $now)
                    ON CONFLICT (sku, currency) DO UPDATE SET amount = excluded.amount, cost = excluded.cost, updated_at = excluded.updated_at
                    WHERE amount IS NOT excluded.amount OR cost IS NOT excluded.cost
                    """,
                    scope.Transaction);
                upsert.Parameters.AddWithValue("$sku", price.Sku);
                upsert.Parameters.AddWithValue("$currency", price.Price.Currency);
                upsert.Parameters.AddWithValue("$amount", DecimalText(price.Price.Amount));
                upsert.Parameters.AddWithValue("$cost", price.Cost is { } cost ? DecimalText(cost.Amount) : DBNull.Value);
                upsert.Parameters.AddWithValue("$now", ToTicks(now));
                changed += await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<BasePrice>> ReadBasePricesAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default)
    {
        var result = new List<BasePrice>();
        if (skus is null)
        {
            await foreach (var price in QueryAsync("SELECT sku, currency, amount, cost FROM base_prices ORDER BY sku, currency", [], ReadBasePrice, cancellationToken).ConfigureAwait(false))
            {
                result.Add(price);
            }

            return result;
        }

        foreach (var sku in skus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await foreach (var price in QueryAsync("SELECT sku, currency, amount, cost FROM base_prices WHERE sku = $sku ORDER BY currency", [("$sku", sku)], ReadBasePrice, cancellationToken).ConfigureAwait(false))
            {
                result.Add(price);
            }
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

        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var changed = 0;
            foreach (var (row, text) in last.Values)
            {
                var upsert = Command(
                    """
                    INSERT INTO prices (channel, item_id, currency, desired, acknowledged, version, sku, attempts, next_attempt_at, updated_at, lease_until, last_error, hold_reason)
                    VALUES ($channel, $item, $currency, $desired, NULL, 1, $sku, 0, $now, $now, 0, NULL, $hold)
                    ON CONFLICT (channel, item_id, currency) DO UPDATE SET
                        desired = excluded.desired, version = version + 1, sku = excluded.sku, attempts = 0, next_attempt_at = excluded.next_attempt_at,
                        updated_at = excluded.updated_at, last_error = NULL, hold_reason = excluded.hold_reason
                    WHERE desired IS NOT excluded.desired
                    """,
                    scope.Transaction);
                upsert.Parameters.AddWithValue("$channel", row.Key.Channel);
                upsert.Parameters.AddWithValue("$item", row.Key.ChannelItemId);
                upsert.Parameters.AddWithValue("$currency", row.Key.Currency);
                upsert.Parameters.AddWithValue("$desired", text);
                upsert.Parameters.AddWithValue("$sku", (object?)row.Sku ?? DBNull.Value);
                upsert.Parameters.AddWithValue("$now", ToTicks(now));
                upsert.Parameters.AddWithValue("$hold", (object?)row.HoldReason ?? DBNull.Value);
                changed += await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PriceRow>> ClaimPendingPricesAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var select = Command(
                $"""
                SELECT {PriceColumns} FROM prices
                WHERE channel = $channel AND acknowledged IS NOT desired AND hold_reason IS NULL AND next_attempt_at <= $now AND lease_until <= $now
                ORDER BY next_attempt_at, item_id, currency LIMIT $max
                """,
                scope.Transaction);
            select.Parameters.AddWithValue("$channel", channel);
            select.Parameters.AddWithValue("$now", ToTicks(now));
            select.Parameters.AddWithValue("$max", maxRows);
            var rows = new List<PriceRow>();
            var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(ReadPrice(reader));
                }
            }

            foreach (var row in rows)
            {
                var claim = Command("UPDATE prices SET lease_until = $until WHERE channel = $channel AND item_id = $item AND currency = $currency", scope.Transaction);
                claim.Parameters.AddWithValue("$until", ToTicks(now + lease));
                AddPriceKey(claim, row.Key);
                await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }

    /// <inheritdoc />
    public async ValueTask AcknowledgePricesAsync(IReadOnlyList<PriceAcknowledgement> acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            foreach (var ack in acknowledgements)
            {
                var update = Command(
                    "UPDATE prices SET acknowledged = $ack, lease_until = 0, attempts = 0, last_error = NULL WHERE channel = $channel AND item_id = $item AND currency = $currency",
                    scope.Transaction);
                update.Parameters.AddWithValue("$ack", ack.Price.ToInvariantString());
                AddPriceKey(update, ack.Key);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask ReschedulePricesAsync(IReadOnlyList<PriceKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            foreach (var key in keys)
            {
                var update = Command(
                    "UPDATE prices SET attempts = attempts + 1, last_error = $reason, next_attempt_at = $next, lease_until = 0 WHERE channel = $channel AND item_id = $item AND currency = $currency",
                    scope.Transaction);
                update.Parameters.AddWithValue("$reason", reason);
                update.Parameters.AddWithValue("$next", ToTicks(nextAttemptAt));
                AddPriceKey(update, key);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PriceRow>> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var rows = new List<PriceRow>();
        if (keys.Count == 0)
        {
            return rows;
        }

        using (var lease = await OpenReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = lease.Connection.CreateCommand();
            command.CommandText = $"SELECT {PriceColumns} FROM prices WHERE channel = $channel AND item_id = $item AND currency = $currency";
            var channel = command.Parameters.Add("$channel", SqliteType.Text);
            var item = command.Parameters.Add("$item", SqliteType.Text);
            var currency = command.Parameters.Add("$currency", SqliteType.Text);
            foreach (var key in keys.Distinct())
            {
                channel.Value = key.Channel;
                item.Value = key.ChannelItemId;
                currency.Value = key.Currency;
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add(ReadPrice(reader));
                    }
                }
            }
        }

        return rows;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PriceRow> ListPricesAsync(string? channel, PriceRowFilter filter = PriceRowFilter.All, CancellationToken cancellationToken = default)
    {
        var condition = filter switch
        {
            PriceRowFilter.Pending => " AND acknowledged IS NOT desired",
            PriceRowFilter.Held => " AND hold_reason IS NOT NULL",
            _ => string.Empty,
        };
        return QueryAsync(
            $"SELECT {PriceColumns} FROM prices WHERE ($channel IS NULL OR channel = $channel){condition} ORDER BY channel, item_id, currency",
            [("$channel", channel)],
            ReadPrice,
            cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteWriteAsync(
            "UPDATE prices SET hold_reason = NULL, next_attempt_at = $now, attempts = 0 WHERE channel = $channel AND item_id = $item AND currency = $currency AND version = $version AND hold_reason IS NOT NULL",
            [("$now", ToTicks(now)), ("$channel", key.Channel), ("$item", key.ChannelItemId), ("$currency", key.Currency), ("$version", version)],
            cancellationToken).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async ValueTask<bool> DiscardHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        (string, object?)[] parameters = [("$now", ToTicks(now)), ("$channel", key.Channel), ("$item", key.ChannelItemId), ("$currency", key.Currency), ("$version", version)];
        var scope = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (scope.ConfigureAwait(false))
        {
            var delete = Command(
                "DELETE FROM prices WHERE channel = $channel AND item_id = $item AND currency = $currency AND version = $version AND hold_reason IS NOT NULL AND acknowledged IS NULL",
                scope.Transaction);
            var update = Command(
                """
                UPDATE prices SET desired = acknowledged, hold_reason = NULL, version = version + 1, updated_at = $now, next_attempt_at = $now, attempts = 0
                WHERE channel = $channel AND item_id = $item AND currency = $currency AND version = $version AND hold_reason IS NOT NULL AND acknowledged IS NOT NULL
                """,
                scope.Transaction);
            var changed = 0;
            foreach (var command in new[] { delete, update })
            {
                foreach (var (name, value) in parameters)
                {
                    if (command.CommandText.Contains(name, StringComparison.Ordinal))
                    {
                        command.Parameters.AddWithValue(name, value);
                    }
                }

                changed += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed == 1;
        }
    }

    private static void AddPriceKey(SqliteCommand command, PriceKey key)
    {
        command.Parameters.AddWithValue("$channel", key.Channel);
        command.Parameters.AddWithValue("$item", key.ChannelItemId);
        command.Parameters.AddWithValue("$currency", key.Currency);
    }

    private static string DecimalText(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static BasePrice ReadBasePrice(SqliteDataReader r)
    {
        var currency = r.GetString(1);
        return new BasePrice
        {
            Sku = r.GetString(0),
            Price = new Money(ParseDecimal(r.GetString(2)), currency),
            Cost = r.IsDBNull(3) ? null : new Money(ParseDecimal(r.GetString(3)), currency),
        };
    }

    private static PriceRow ReadPrice(SqliteDataReader r) => new()
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

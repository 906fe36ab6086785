namespace Connectors.State;

/// <summary>The price flow's state: the base price book and one price row per channel item and currency.</summary>
public sealed partial class InMemorySyncStateStore : IPriceStore
{
    private readonly Dictionary<(string Sku, string Currency), BasePrice> _basePrices = [];
    private readonly Dictionary<PriceKey, PriceEntry> _prices = [];

    /// <inheritdoc />
    public ValueTask<int> SetBasePricesAsync(IReadOnlyList<BasePrice> prices, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var changed = 0;
        var last = new Dictionary<(string Sku, string Currency), BasePrice>();
        foreach (var price in prices)
        {
            ArgumentNullException.ThrowIfNull(price);
            last[(price.Sku, price.Price.Currency)] = price;
        }

        lock (_gate)
        {
            foreach (var price in last.Values)
            {
                var key = (price.Sku, price.Price.Currency);
                if (_basePrices.TryGetValue(key, out var existing) && existing == price)
                {
                    continue;
                }

                _basePrices[key] = price;
                changed++;
            }
        }

        return ValueTask.FromResult(changed);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<BasePrice>> ReadBasePricesAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var wanted = skus is null ? null : new HashSet<string>(skus, StringComparer.Ordinal);
            IReadOnlyList<BasePrice> result = [.. _basePrices
                .Where(kv => wanted is null || wanted.Contains(kv.Key.Sku))
                .OrderBy(kv => kv.Key.Sku, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Currency, StringComparer.Ordinal)
                .Select(kv => kv.Value)];
            return ValueTask.FromResult(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> SetDesiredPricesAsync(IReadOnlyList<DesiredPrice> rows, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            CheckCurrency(row);
        }

        var changed = 0;
        var last = new Dictionary<PriceKey, DesiredPrice>();
        foreach (var row in rows)
        {
            last[row.Key] = row;
        }

        lock (_gate)
        {
            foreach (var row in last.Values)
            {
                if (_prices.TryGetValue(row.Key, out var entry))
                {
                    if (entry.Desired == row.Price)
                    {
                        continue;
                    }

                    entry.Version++;
                }
                else
                {
                    entry = new PriceEntry(row.Key) { Version = 1 };
                    _prices.Add(row.Key, entry);
                }

                entry.Desired = row.Price;
                entry.Sku = row.Sku;
                entry.HoldReason = row.HoldReason;
                entry.Attempts = 0;
                entry.LastError = null;
                entry.NextAttemptAt = now;
                entry.UpdatedAt = now;
                changed++;
            }
        }

        return ValueTask.FromResult(changed);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PriceRow>> ClaimPendingPricesAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        lock (_gate)
        {
            var claimed = _prices.Values
                .Where(e => string.Equals(e.Key.Channel, channel, StringComparison.Ordinal) && e.IsPending && e.HoldReason is null
                    && e.NextAttemptAt <= now && e.LeaseUntil <= now)
                .OrderBy(e => e.NextAttemptAt)
                .ThenBy(e => e.Key.ChannelItemId, StringComparer.Ordinal)
                .ThenBy(e => e.Key.Currency, StringComparer.Ordinal)
                .Take(maxRows)
                .ToList();
            foreach (var entry in claimed)
            {
                entry.LeaseUntil = now + lease;
            }

            IReadOnlyList<PriceRow> rows = [.. claimed.Select(e => e.ToRow())];
            return ValueTask.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public ValueTask AcknowledgePricesAsync(IReadOnlyList<PriceAcknowledgement> acknowledgements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        lock (_gate)
        {
            foreach (var ack in acknowledgements)
            {
                if (_prices.TryGetValue(ack.Key, out var entry))
                {
                    entry.Acknowledged = ack.Price;
                    entry.LeaseUntil = DateTimeOffset.MinValue;
                    entry.Attempts = 0;
                    entry.LastError = null;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReschedulePricesAsync(IReadOnlyList<PriceKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            foreach (var key in keys)
            {
                if (_prices.TryGetValue(key, out var entry))
                {
                    entry.Attempts++;
                    entry.LastError = reason;
                    entry.NextAttemptAt = nextAttemptAt;
                    entry.LeaseUntil = DateTimeOffset.MinValue;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<PriceRow>> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            IReadOnlyList<PriceRow> rows = [.. keys.Distinct().Select(k => _prices.GetValueOrDefault(k)).OfType<PriceEntry>().Select(e => e.ToRow())];
            return ValueTask.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PriceRow> ListPricesAsync(
        string? channel, PriceRowFilter filter = PriceRowFilter.All, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        PriceRow[] rows;
        lock (_gate)
        {
            rows = [.. _prices.Values
                .Where(e => channel is null || string.Equals(e.Key.Channel, channel, StringComparison.Ordinal))
                .Where(e => filter switch { PriceRowFilter.Pending => e.IsPending, PriceRowFilter.Held => e.HoldReason is not null, _ => true })
                .OrderBy(e => e.Key.Channel, StringComparer.Ordinal)
                .ThenBy(e => e.Key.ChannelItemId, StringComparer.Ordinal)
                .ThenBy(e => e.Key.Currency, StringComparer.Ordinal)
                .Select(e => e.ToRow())];
        }

        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<bool> ReleaseHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_prices.TryGetValue(key, out var entry) || entry.HoldReason is null || entry.Version != version)
            {
                return ValueTask.FromResult(false);
            }

            entry.HoldReason = null;
            entry.NextAttemptAt = now;
            entry.Attempts = 0;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> DiscardHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_prices.TryGetValue(key, out var entry) || entry.HoldReason is null || entry.Version != version)
            {
                return ValueTask.FromResult(false);
            }

            if (entry.Acknowledged is null)
            {
                _prices.Remove(key);
                return ValueTask.FromResult(true);
            }

            entry.Desired = entry.Acknowledged;
            entry.HoldReason = null;
            entry.Version++;
            entry.UpdatedAt = now;
            entry.NextAttemptAt = now;
            entry.Attempts = 0;
            return ValueTask.FromResult(true);
        }
    }

    private static void CheckCurrency(DesiredPrice row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!string.Equals(row.Key.Currency, row.Price.Currency, StringComparison.Ordinal))
        {
            throw new ConnectorValidationException(
                nameof(DesiredPrice.Key) + "." + nameof(PriceKey.Currency), $"of {row.Key} is not the price's currency {row.Price.Currency}.");
        }
    }

    private sealed class PriceEntry(PriceKey key)
    {
        public PriceKey Key { get; } = key;

        public ChannelPrice Desired { get; set; } = null!;

        public ChannelPrice? Acknowledged { get; set; }

        public long Version { get; set; }

        public string? Sku { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset NextAttemptAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public DateTimeOffset LeaseUntil { get; set; } = DateTimeOffset.MinValue;

        public string? LastError { get; set; }

        public string? HoldReason { get; set; }

        public bool IsPending => Acknowledged != Desired;

        public PriceRow ToRow() => new()
        {
            Key = Key,
            Desired = Desired,
            Acknowledged = Acknowledged,
            Version = Version,
            Sku = Sku,
            Attempts = Attempts,
            NextAttemptAt = NextAttemptAt,
            UpdatedAt = UpdatedAt,
            LastError = LastError,
            HoldReason = HoldReason,
        };
    }
}

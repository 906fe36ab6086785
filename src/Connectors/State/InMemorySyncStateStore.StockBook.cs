namespace Connectors.State;

/// <summary>The stock book capability (<see cref="IStockBookStore"/>), under the same lock as everything else.</summary>
public sealed partial class InMemorySyncStateStore : IStockBookStore
{
    private readonly Dictionary<string, Dictionary<string, StockEntry>> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _knownSkus = new(StringComparer.Ordinal);
    private bool _stockComplete;
    private long _stockGeneration;

    /// <inheritdoc />
    public ValueTask<long> RecordStockAsync(IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        CheckLevels(levels);
        lock (_gate)
        {
            var generation = ++_stockGeneration;
            foreach (var level in levels)
            {
                PutStock(level, generation);
            }

            return ValueTask.FromResult(generation);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> AddUnknownStockAsync(IReadOnlyCollection<string> skus, IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        ArgumentNullException.ThrowIfNull(levels);
        CheckLevels(levels);
        lock (_gate)
        {
            if (_stockComplete)
            {
                return ValueTask.FromResult(_stockGeneration);
            }

            var unknown = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sku in skus)
            {
                if (!_knownSkus.ContainsKey(sku))
                {
                    unknown.Add(sku);
                }
            }

            if (unknown.Count == 0)
            {
                return ValueTask.FromResult(_stockGeneration);
            }

            var generation = ++_stockGeneration;
            foreach (var level in levels)
            {
                if (unknown.Contains(level.Sku))
                {
                    PutStock(level, generation);
                }
            }

            foreach (var sku in unknown)
            {
                _knownSkus[sku] = generation;
            }

            return ValueTask.FromResult(generation);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> ReplaceStockAsync(IReadOnlyList<StockLevel> levels, long keepChangedAfter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        CheckLevels(levels);
        lock (_gate)
        {
            foreach (var (sku, locations) in _stock.ToList())
            {
                foreach (var location in locations.Where(l => l.Value.Generation <= keepChangedAfter).Select(l => l.Key).ToList())
                {
                    locations.Remove(location);
                }

                if (locations.Count == 0)
                {
                    _stock.Remove(sku);
                }
            }

            foreach (var sku in _knownSkus.Where(k => k.Value <= keepChangedAfter).Select(k => k.Key).ToList())
            {
                _knownSkus.Remove(sku);
            }

            var generation = ++_stockGeneration;
            foreach (var level in levels)
            {
                if (_stock.TryGetValue(level.Sku, out var locations)
                    && locations.TryGetValue(level.LocationId, out var kept)
                    && kept.Generation > keepChangedAfter)
                {
                    continue; // a change recorded while the snapshot was read is newer
                }

                PutStock(level, generation);
            }

            _stockComplete = true;
            return ValueTask.FromResult(generation);
        }
    }

    /// <inheritdoc />
    public ValueTask<StockBookSnapshot> ReadStockAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var known = new List<string>();
            var levels = new List<StockLevel>();
            var reserved = new Dictionary<string, decimal>(StringComparer.Ordinal);
            IReadOnlySet<string>? wanted = null;
            if (skus is null)
            {
                known.AddRange(_knownSkus.Keys);
                foreach (var locations in _stock.Values)
                {
                    AddLevels(locations, levels);
                }
            }
            else
            {
                wanted = skus as IReadOnlySet<string> ?? new HashSet<string>(skus, StringComparer.Ordinal);
                foreach (var sku in wanted)
                {
                    if (_knownSkus.ContainsKey(sku))
                    {
                        known.Add(sku);
                    }

                    if (_stock.TryGetValue(sku, out var locations))
                    {
                        AddLevels(locations, levels);
                    }
                }
            }

            foreach (var reservation in _reservations.Values)
            {
                foreach (var quantity in reservation.Quantities)
                {
                    if (wanted is null || wanted.Contains(quantity.Sku))
                    {
                        reserved[quantity.Sku] = reserved.GetValueOrDefault(quantity.Sku) + quantity.Quantity;
                    }
                }
            }

            return ValueTask.FromResult(new StockBookSnapshot
            {
                Generation = _stockGeneration,
                Complete = _stockComplete,
                KnownSkus = known,
                Levels = levels,
                Reserved = [.. reserved.Where(r => r.Value != 0m).Select(r => new ReservedQuantity(r.Key, r.Value))],
            });
        }
    }

    /// <inheritdoc />
    public ValueTask<PendingReservation?> GetReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        lock (_gate)
        {
            return ValueTask.FromResult(_reservations.GetValueOrDefault((channel, orderId)));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> SetDesiredInventoryIfNewerAsync(IReadOnlyList<DesiredInventory> rows, long generation, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            if (row.Quantity < 0)
            {
                throw new ConnectorValidationException(nameof(DesiredInventory.Quantity), $"of {row.Key} must not be negative (was {row.Quantity}).");
            }
        }

        var changed = 0;
        lock (_gate)
        {
            foreach (var row in rows)
            {
                if (_inventory.TryGetValue(row.Key, out var entry))
                {
                    if (entry.StockGeneration > generation)
                    {
                        continue; // computed from a newer view already
                    }

                    entry.StockGeneration = generation;
                    if (entry.Desired == row.Quantity)
                    {
                        continue;
                    }

                    entry.ChangeDesired(row, now);
                }
                else
                {
                    entry = new InventoryEntry(row.Key)
                    {
                        Desired = row.Quantity, Version = 1, NextAttemptAt = now, UpdatedAt = now, Sku = row.Sku, StockGeneration = generation,
                    };
                    _inventory.Add(row.Key, entry);
                }

                changed++;
                TrackPending(entry);
            }
        }

        return ValueTask.FromResult(changed);
    }

    private static void CheckLevels(IReadOnlyList<StockLevel> levels)
    {
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i] is null)
            {
                throw new ConnectorValidationException($"levels[{i}]", "must not be null.");
            }
        }
    }

    private void PutStock(StockLevel level, long generation)
    {
        if (!_stock.TryGetValue(level.Sku, out var locations))
        {
            locations = new Dictionary<string, StockEntry>(2, StringComparer.Ordinal);
            _stock.Add(level.Sku, locations);
        }

        locations[level.LocationId] = new StockEntry(level, generation);
        _knownSkus[level.Sku] = generation;
    }

    private static void AddLevels(Dictionary<string, StockEntry> locations, List<StockLevel> into)
    {
        foreach (var entry in locations.Values)
        {
            into.Add(entry.Level);
        }
    }

    private readonly record struct StockEntry(StockLevel Level, long Generation);
}

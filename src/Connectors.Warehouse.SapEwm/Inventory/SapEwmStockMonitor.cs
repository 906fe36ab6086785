using Connectors.Warehouse.SapEwm.Internal;
using Microsoft.Extensions.Logging;

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Stock deltas: <c>WarehouseAvailableStock</c> has no change stamp to read changes by, so each poll streams a
/// warehouse's aggregated stock (as a snapshot does, page by page) and publishes through
/// <see cref="IConnectorEvents.PublishStockLevelsAsync"/> only the levels that differ from the previous poll, in batches;
/// a SKU that disappeared is published as zero. The first poll after a start publishes every level (what changed while
/// the host was down is unknown). Memory holds one figure pair per SKU, never the stock rows.
/// </summary>
internal sealed class SapEwmStockMonitor
{
    /// <summary>Levels per <see cref="IConnectorEvents.PublishStockLevelsAsync"/> call.</summary>
    internal const int BatchSize = 500;

    private readonly SapEwmWarehouse _warehouse;
    private readonly IConnectorEvents _events;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Dictionary<string, (decimal OnHand, decimal Reserved)>> _last = new(StringComparer.Ordinal);
    private int _running;

    public SapEwmStockMonitor(SapEwmWarehouse warehouse, IConnectorEvents events, ILogger logger)
    {
        _warehouse = warehouse;
        _events = events;
        _logger = logger;
    }

    /// <summary>Reads one warehouse's stock and publishes what changed since the last read.</summary>
    /// <param name="warehouse">The EWM warehouse number.</param>
    /// <param name="cancellationToken">Cancels the poll; the previous figures stay, so the next poll publishes the change again.</param>
    /// <returns>How many levels were published.</returns>
    public async Task<int> PollWarehouseAsync(string warehouse, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("A stock poll is already running; the monitor compares one read at a time.");
        }

        try
        {
            var previous = _last.GetValueOrDefault(warehouse);
            var current = new Dictionary<string, (decimal OnHand, decimal Reserved)>(previous?.Count ?? 0, StringComparer.Ordinal);
            var batch = new List<StockLevel>(BatchSize);
            var published = 0;
            await foreach (var level in _warehouse.StockOfWarehouseAsync(warehouse, null, cancellationToken).ConfigureAwait(false))
            {
                current[level.Sku] = (level.OnHand, level.Reserved);
                if (previous is null || !previous.TryGetValue(level.Sku, out var before) || before != (level.OnHand, level.Reserved))
                {
                    batch.Add(level);
                    if (batch.Count == BatchSize)
                    {
                        published += await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            foreach (var sku in previous?.Keys ?? Enumerable.Empty<string>())
            {
                if (!current.ContainsKey(sku))
                {
                    batch.Add(new StockLevel(sku, warehouse, 0m));
                    if (batch.Count == BatchSize)
                    {
                        published += await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            published += await FlushAsync(batch, cancellationToken).ConfigureAwait(false);

            // Only a completed read replaces the figures: after a failure the next poll compares with what was published.
            _last[warehouse] = current;
            if (published > 0)
            {
                Log.StockDeltasPublished(_logger, published, warehouse);
            }

            return published;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<int> FlushAsync(List<StockLevel> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await _events.PublishStockLevelsAsync([.. batch], cancellationToken).ConfigureAwait(false);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}

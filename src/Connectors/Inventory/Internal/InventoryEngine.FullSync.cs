using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>Full sync and dry run: recompute every row from the WMS snapshot and compare with what channels show.</summary>
internal sealed partial class InventoryEngine
{
    private const int StoreChunk = 1000;

    public Task<InventorySyncReport> FullSyncAsync(CancellationToken cancellationToken = default) => SyncAsync(dryRun: false, cancellationToken);

    public Task<InventorySyncReport> DryRunAsync(CancellationToken cancellationToken = default) => SyncAsync(dryRun: true, cancellationToken);

    private async Task<InventorySyncReport> SyncAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var warehouse = _warehouse ?? throw new ConnectorException(
            "A full sync or dry run reads the WMS snapshot, but no IWarehouseInventory is registered; register the host's implementation.");
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var shared = _shared;
            long? generation = null;
            long before = 0;
            if (shared is null)
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!dryRun)
            {
                before = (await shared.ReadStockAsync([], cancellationToken).ConfigureAwait(false)).Generation;
            }

            var book = new StockBook(complete: true);
            var levels = new List<StockLevel>();
            await foreach (var level in warehouse.GetStockLevelsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                book.Set(level.Sku, level.LocationId, level.Free);
                if (shared is not null)
                {
                    levels.Add(level);
                }
            }

            var now = _time.GetUtcNow();
            if (shared is null)
            {
                book.CopyWindowFrom(_stock);
            }
            else if (dryRun)
            {
                // What the shared book would become, with the store's open windows.
                book.SetWindow((await shared.ReadStockAsync([.. book.Skus], cancellationToken).ConfigureAwait(false)).Reserved);
            }
            else
            {
                // The snapshot replaces the shared book, except levels recorded while it was read; then compute from
                // the store's view, so the rows carry its generation.
                await shared.ReplaceStockAsync(levels, before, now, cancellationToken).ConfigureAwait(false);
                var snapshot = await shared.ReadStockAsync(null, cancellationToken).ConfigureAwait(false);
                book = StockBook.From(snapshot);
                generation = snapshot.Generation;
            }

            var channels = new List<ChannelInventoryPlan>();
            foreach (var plan in GetPlans())
            {
                channels.Add(await SyncChannelAsync(plan, book, now, dryRun, generation, cancellationToken).ConfigureAwait(false));
            }

            if (!dryRun && shared is null)
            {
                _stock = book; // the snapshot is the new truth; later events refine it
            }

            if (!dryRun)
            {
                // The snapshot was read after every acceptance that waited for stock: those windows can close now.
                await ReleaseAwaitedWindowsAsync(null, cancellationToken).ConfigureAwait(false);
                await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
            }

            return new InventorySyncReport(now, dryRun, channels);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    private async Task<ChannelInventoryPlan> SyncChannelAsync(
        ChannelPlan plan, StockBook book, DateTimeOffset now, bool dryRun, long? generation, CancellationToken cancellationToken)
    {
        // What the store holds: every row is recomputed, including items the snapshot no longer carries.
        var rows = new Dictionary<InventoryKey, InventoryRow>();
        var locationsByItem = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in _store.ListInventoryAsync(plan.Name, pendingOnly: false, cancellationToken).ConfigureAwait(false))
        {
            rows[row.Key] = row;
            if (!locationsByItem.TryGetValue(row.Key.ChannelItemId, out var locations))
            {
                locationsByItem.Add(row.Key.ChannelItemId, locations = []);
            }

            locations.Add(row.Key.LocationId);
        }

        // Every item: the mapping's catalogue, the items behind each snapshot SKU, and the items of stored rows.
        var items = new Dictionary<string, ChannelItemDefinition>(StringComparer.Ordinal);
        await foreach (var item in _resolver.ListAsync(plan.Name, cancellationToken).ConfigureAwait(false))
        {
            items.TryAdd(item.ChannelItemId, item);
        }

        foreach (var sku in book.Skus)
        {
            if (!plan.TryGetItems(sku, now, out var found))
            {
                found = await ResolveAsync(plan, sku, now, cancellationToken).ConfigureAwait(false);
            }

            foreach (var item in found)
            {
                items.TryAdd(item.ChannelItemId, item);
            }
        }

        foreach (var itemId in locationsByItem.Keys)
        {
            if (!items.ContainsKey(itemId)
                && await _resolver.FindByChannelItemAsync(plan.Name, itemId, cancellationToken).ConfigureAwait(false) is { } item)
            {
                items.Add(itemId, item);
            }
        }

        var computed = new List<DesiredInventory>();
        foreach (var item in items.Values)
        {
            AddRows(plan, book, item, locationsByItem.GetValueOrDefault(item.ChannelItemId), computed);
        }

        var changes = new List<InventoryChange>();
        foreach (var desired in computed)
        {
            var acknowledged = rows.TryGetValue(desired.Key, out var row) ? row.Acknowledged : null;
            if (acknowledged != desired.Quantity)
            {
                changes.Add(new InventoryChange(desired.Key, desired.Sku, acknowledged, desired.Quantity));
            }
        }

        if (!dryRun)
        {
            for (var start = 0; start < computed.Count; start += StoreChunk)
            {
                var chunk = computed.GetRange(start, Math.Min(StoreChunk, computed.Count - start));
                if (generation is { } g && _shared is { } shared)
                {
                    await shared.SetDesiredInventoryIfNewerAsync(chunk, g, now, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _store.SetDesiredInventoryAsync(chunk, now, cancellationToken).ConfigureAwait(false);
                }
            }

            // A row the dispatcher parked (or is backing off) whose quantity did not change is not touched by the
            // writes above: a full sync is the operator's "push everything now", so make those rows due again too.
            var resume = new List<InventoryKey>();
            foreach (var desired in computed)
            {
                if (rows.TryGetValue(desired.Key, out var row) && row.IsPending && (row.Attempts > 0 || row.NextAttemptAt > now))
                {
                    resume.Add(desired.Key);
                }
            }

            for (var start = 0; start < resume.Count; start += StoreChunk)
            {
                await _store.ResumeInventoryAsync(resume.GetRange(start, Math.Min(StoreChunk, resume.Count - start)), now, cancellationToken).ConfigureAwait(false);
            }

            _pushSignal?.Notify();
        }

        Log.InventorySyncComputed(_logger, plan.Name, dryRun, computed.Count, changes.Count);
        return new ChannelInventoryPlan(plan.Name, computed.Count, changes);
    }
}

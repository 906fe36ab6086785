using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Full sync and dry run: recompute every row from the WMS snapshot and compare with what channels show. The snapshot
/// is streamed without the writer lock, and the rows are computed and stored in slices that each take the lock, so
/// stock changes and oversell windows go on between slices instead of waiting for the whole sync.
/// </summary>
internal sealed partial class InventoryEngine
{
    private const int StoreChunk = 1000;

    /// <summary>One full sync or dry run at a time.</summary>
    private readonly SemaphoreSlim _syncGate = new(1, 1);

    /// <summary>
    /// While a full sync of the engine's own book streams its snapshot: the SKU and location of every level recorded
    /// meanwhile, which then wins over the snapshot's. Writer only.
    /// </summary>
    private HashSet<(string Sku, string Location)>? _changedDuringSnapshot;

    public Task<InventorySyncReport> FullSyncAsync(CancellationToken cancellationToken = default) => SyncAsync(dryRun: false, cancellationToken);

    public Task<InventorySyncReport> DryRunAsync(CancellationToken cancellationToken = default) => SyncAsync(dryRun: true, cancellationToken);

    /// <summary>A level the engine's own book took from somewhere other than the snapshot being streamed. Writer only.</summary>
    private void NoteChangedDuringSnapshot(string sku, string location) => _changedDuringSnapshot?.Add((sku, location));

    private async Task<InventorySyncReport> SyncAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var warehouse = _warehouse ?? throw new ConnectorException(
            "A full sync or dry run reads the WMS snapshot, but no IWarehouseInventory is registered; register the host's implementation.");
        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SyncCoreAsync(warehouse, dryRun, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _syncGate.Release();
        }
    }

    private async Task<InventorySyncReport> SyncCoreAsync(IWarehouseInventory warehouse, bool dryRun, CancellationToken cancellationToken)
    {
        var shared = _shared;
        long? generation = null;
        long before = 0;
        (string Channel, string OrderId)[] awaitingBefore;

        // Before the snapshot: what it will supersede.
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (shared is null)
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
                _changedDuringSnapshot = [];
            }
            else if (!dryRun)
            {
                before = (await shared.ReadStockAsync([], cancellationToken).ConfigureAwait(false)).Generation;
            }

            // The zero lists as stored: every row is recomputed below, so what another host changed needs no marking.
            if (!dryRun && await RefreshZeroListAsync(cancellationToken).ConfigureAwait(false))
            {
                ClearDirty();
            }

            awaitingBefore = [.. _awaitingStock.Keys];
        }
        finally
        {
            _writer.Release();
        }

        // The snapshot, streamed without the writer lock: order windows and stock changes go on meanwhile.
        var book = new StockBook(complete: true);
        var levels = new List<StockLevel>();
        try
        {
            await foreach (var level in warehouse.GetStockLevelsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                book.Set(level.Sku, level.LocationId, level.Free);
                if (shared is not null)
                {
                    levels.Add(level);
                }
            }
        }
        catch
        {
            await StopTrackingAsync().ConfigureAwait(false);
            throw;
        }

        var now = _time.GetUtcNow();
        string[] skus;
        await _writer.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (shared is null)
            {
                // Levels recorded while the snapshot streamed are newer than it: they win.
                foreach (var (sku, location) in _changedDuringSnapshot ?? [])
                {
                    book.Set(sku, location, _stock.Free(sku, location));
                }

                _changedDuringSnapshot = null;
                book.CopyWindowFrom(_stock);
                if (!dryRun)
                {
                    _stock = book; // the snapshot is the new truth; later events refine it
                }
            }
            else if (dryRun)
            {
                // What the shared book would become, with the store's open windows.
                book.SetWindow((await shared.ReadStockAsync([.. book.Skus], cancellationToken).ConfigureAwait(false)).Reserved);
            }
            else
            {
                // The snapshot replaces the shared book, except levels recorded while it was read; then compute from
                // the store's view, so the rows carry its generation (and never overwrite rows computed from a newer one).
                await shared.ReplaceStockAsync(levels, before, now, cancellationToken).ConfigureAwait(false);
                var snapshot = await shared.ReadStockAsync(null, cancellationToken).ConfigureAwait(false);
                book = StockBook.From(snapshot);
                generation = snapshot.Generation;
            }

            skus = [.. book.Skus];
        }
        finally
        {
            _writer.Release();
        }

        levels = null;
        var channels = new List<ChannelInventoryPlan>();
        foreach (var plan in GetPlans())
        {
            channels.Add(await SyncChannelAsync(plan, book, skus, now, dryRun, generation, cancellationToken).ConfigureAwait(false));
        }

        if (!dryRun)
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The snapshot was read after every acceptance that was waiting for stock when it started: those
                // windows can close now.
                await ReleaseAwaitedWindowsAsync(null, cancellationToken, awaitingBefore).ConfigureAwait(false);
                await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ClearDirty();
                _writer.Release();
            }
        }

        return new InventorySyncReport { ComputedAt = now, IsDryRun = dryRun, Channels = channels };
    }

    private async ValueTask StopTrackingAsync()
    {
        await _writer.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        _changedDuringSnapshot = null;
        _writer.Release();
    }

    private async Task<ChannelInventoryPlan> SyncChannelAsync(
        ChannelPlan plan, StockBook book, string[] skus, DateTimeOffset now, bool dryRun, long? generation, CancellationToken cancellationToken)
    {
        // What the store holds: every row is recomputed, including items the snapshot no longer carries. The store and
        // the resolver are read without the writer lock.
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

        // The plan's item cache belongs to the writer: SKUs are resolved in slices under the lock.
        for (var start = 0; start < skus.Length; start += StoreChunk)
        {
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (var i = start; i < Math.Min(skus.Length, start + StoreChunk); i++)
                {
                    if (!plan.TryGetItems(skus[i], now, out var found))
                    {
                        found = await ResolveAsync(plan, skus[i], now, cancellationToken).ConfigureAwait(false);
                    }

                    foreach (var item in found)
                    {
                        items.TryAdd(item.ChannelItemId, item);
                    }
                }
            }
            finally
            {
                _writer.Release();
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

        // Computed and stored in slices, each under the writer lock, from the book as it is then: a stock change or
        // window between slices is in the slices after it, and recomputes the rows before it itself.
        ChannelItemDefinition[] all = [.. items.Values];
        var computedCount = 0;
        var changes = new List<InventoryChange>();
        var computed = new List<DesiredInventory>();
        var resume = new List<InventoryKey>();
        for (var start = 0; start < all.Length; start += StoreChunk)
        {
            computed.Clear();
            resume.Clear();
            await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                for (var i = start; i < Math.Min(all.Length, start + StoreChunk); i++)
                {
                    AddRows(plan, book, all[i], locationsByItem.GetValueOrDefault(all[i].ChannelItemId), computed);
                }

                foreach (var desired in computed)
                {
                    var row = rows.GetValueOrDefault(desired.Key);
                    if (row?.Acknowledged != desired.Quantity)
                    {
                        changes.Add(new InventoryChange
                        {
                            Key = desired.Key,
                            Sku = desired.Sku,
                            Acknowledged = row?.Acknowledged,
                            Quantity = desired.Quantity,
                        });
                    }

                    // A row the dispatcher parked (or is backing off) whose quantity did not change is not touched by
                    // the write below: a full sync is the operator's "push everything now", so make it due again too.
                    if (row is { IsPending: true } && (row.Attempts > 0 || row.NextAttemptAt > now))
                    {
                        resume.Add(desired.Key);
                    }
                }

                computedCount += computed.Count;
                if (!dryRun && computed.Count > 0)
                {
                    if (generation is { } g && _shared is { } shared)
                    {
                        await shared.SetDesiredInventoryIfNewerAsync(computed, g, now, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _store.SetDesiredInventoryAsync(computed, now, cancellationToken).ConfigureAwait(false);
                    }

                    if (resume.Count > 0)
                    {
                        await _store.ResumeInventoryAsync(resume, now, cancellationToken).ConfigureAwait(false);
                    }

                    _pushSignal?.Notify();
                }
            }
            finally
            {
                _writer.Release();
            }
        }

        Log.InventorySyncComputed(_logger, plan.Name, dryRun, computedCount, changes.Count);
        return new ChannelInventoryPlan
        {
            Channel = plan.Name,
            RowsComputed = computedCount,
            Changes = changes,
        };
    }
}

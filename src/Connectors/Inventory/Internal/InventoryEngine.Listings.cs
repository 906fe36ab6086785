using System.Collections.Concurrent;
using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Items a listing action set to zero (<see cref="Connectors.Internal.IListingZeroSink"/>): their rows compute as zero,
/// as items out of sale do, so the zero is a desired quantity like any other and survives later stock changes. With a
/// store implementing <see cref="IListingZeroStore"/> the list is written there before it takes effect and read back
/// before the first computation, so it also survives a restart; and every host sharing the store honours the list as
/// stored: each push pass and each computation reads the store's change counter, and when another host moved it, the
/// lists are read again and the items whose zero changed are recomputed before anything is claimed.
/// </summary>
internal sealed partial class InventoryEngine : Connectors.Internal.IListingZeroSink
{
    // Read by ComputeItem (under the writer, or by a dry run without it) and by the push guard, written under the writer.
    private readonly ConcurrentDictionary<(string Channel, string Item), byte> _zeroed = new();
    private readonly SemaphoreSlim _zeroLoad = new(1, 1);
    private volatile bool _zeroLoaded;

    // The store's change counter as it was before the lists in _zeroed were read; a list this engine replaces itself
    // leaves it behind, so the next check reads the lists again and finds what another host replaced meanwhile too.
    private long _zeroVersion;

    public async ValueTask SetZeroedItemsAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(channelItemIds);
        if (FindPlan(channel) is not { } plan)
        {
            return;
        }

        var wanted = new HashSet<string>(channelItemIds, StringComparer.Ordinal);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            }

            // The stored lists first: after a restart, or after another host's change, what they hold and is no longer
            // wanted must be recomputed too.
            await RefreshZeroListAsync(cancellationToken).ConfigureAwait(false);
            var removed = _zeroed.Keys.Where(k => k.Channel == plan.Name && !wanted.Contains(k.Item)).Select(k => k.Item).ToList();
            var added = wanted.Where(item => !_zeroed.ContainsKey((plan.Name, item))).ToList();
            if (removed.Count == 0 && added.Count == 0)
            {
                await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            // Stored before it takes effect: a failure here leaves both the store and the pushed levels as they were.
            if (_store is IListingZeroStore zeroStore)
            {
                await zeroStore.ReplaceZeroedListingItemsAsync(plan.Name, wanted, cancellationToken).ConfigureAwait(false);
            }

            foreach (var item in removed)
            {
                _zeroed.TryRemove((plan.Name, item), out _);
            }

            foreach (var item in added)
            {
                _zeroed.TryAdd((plan.Name, item), 0);
            }

            foreach (var item in removed.Concat(added))
            {
                await MarkItemDirtyAsync(plan, item, cancellationToken).ConfigureAwait(false);
            }

            await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    /// <summary>
    /// Before a push pass claims anything: when another host changed a zero list since this engine read them, reads them
    /// again and recomputes the items whose zero changed, so the rows claimed next carry the list as stored.
    /// </summary>
    private async ValueTask SyncZeroListBeforePushAsync(CancellationToken cancellationToken)
    {
        if (_store is not IListingZeroStore zeroStore
            || (_zeroLoaded && await zeroStore.GetZeroedListingVersionAsync(cancellationToken).ConfigureAwait(false) == Volatile.Read(ref _zeroVersion)))
        {
            return;
        }

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            }

            if (await RefreshZeroListAsync(cancellationToken).ConfigureAwait(false))
            {
                await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    /// <summary>
    /// The push's own check: a claimed row of a zeroed item that asks for more than zero was computed from an older list
    /// (a host that stored it just before the list changed). Its item is recomputed, and the row goes out as zero; a row
    /// already guarded once in this pass (its item no longer resolves, so its quantity could not be corrected) is left
    /// out rather than claimed again and again.
    /// </summary>
    private async ValueTask<IReadOnlyList<InventoryRow>> GuardZeroedAsync(
        ChannelPlan plan, IReadOnlyList<InventoryRow> rows, HashSet<InventoryKey> guarded, CancellationToken cancellationToken)
    {
        if (_zeroed.IsEmpty)
        {
            return rows;
        }

        HashSet<string>? stale = null;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Desired > 0 && IsZeroed(plan, rows[i].Key.ChannelItemId))
            {
                (stale ??= new HashSet<string>(StringComparer.Ordinal)).Add(rows[i].Key.ChannelItemId);
            }
        }

        if (stale is null)
        {
            return rows;
        }

        Log.InventoryStaleZeroGuarded(_logger, plan.Name, stale.Count);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var item in stale)
            {
                await MarkItemDirtyAsync(plan, item, cancellationToken).ConfigureAwait(false);
            }

            await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }

        var result = new List<InventoryRow>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Desired > 0 && stale.Contains(row.Key.ChannelItemId))
            {
                if (guarded.Add(row.Key))
                {
                    result.Add(row with { Desired = 0 });
                }
            }
            else
            {
                result.Add(row);
            }
        }

        return result;
    }

    /// <summary>
    /// Brings the zero lists in line with the store when its change counter moved since they were last read, and marks
    /// every item whose zero changed dirty. The caller holds the writer and has initialized the engine.
    /// </summary>
    /// <returns>Whether an item's zero changed.</returns>
    private async ValueTask<bool> RefreshZeroListAsync(CancellationToken cancellationToken)
    {
        if (_store is not IListingZeroStore zeroStore)
        {
            return false;
        }

        if (!_zeroLoaded)
        {
            // The first read: the rows in the store already carry what it holds.
            await EnsureZeroListLoadedAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        // The counter before the lists: a replace after this read moves it again, and the next check reads them again.
        var version = await zeroStore.GetZeroedListingVersionAsync(cancellationToken).ConfigureAwait(false);
        if (version == Volatile.Read(ref _zeroVersion))
        {
            return false;
        }

        var changed = 0;
        foreach (var plan in GetPlans())
        {
            var stored = new HashSet<string>(await zeroStore.GetZeroedListingItemsAsync(plan.Name, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
            foreach (var key in _zeroed.Keys)
            {
                if (key.Channel == plan.Name && !stored.Contains(key.Item) && _zeroed.TryRemove(key, out _))
                {
                    changed++;
                    await MarkItemDirtyAsync(plan, key.Item, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var item in stored)
            {
                if (_zeroed.TryAdd((plan.Name, item), 0))
                {
                    changed++;
                    await MarkItemDirtyAsync(plan, item, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        Volatile.Write(ref _zeroVersion, version);
        if (changed > 0)
        {
            Log.InventoryZeroListChanged(_logger, changed);
        }

        return changed > 0;
    }

    /// <summary>Every location's row of the item changes, not only those of a stock change.</summary>
    private async ValueTask MarkItemDirtyAsync(ChannelPlan plan, string channelItemId, CancellationToken cancellationToken)
    {
        if (await _resolver.FindByChannelItemAsync(plan.Name, channelItemId, cancellationToken).ConfigureAwait(false) is { } definition)
        {
            foreach (var component in definition.Components)
            {
                _dirty.Add(component.Sku);
                _dirtyEverywhere.Add(component.Sku);
            }
        }
    }

    /// <summary>Reads every inventory channel's stored zero list once (nothing to read without an <see cref="IListingZeroStore"/>).</summary>
    private async ValueTask EnsureZeroListLoadedAsync(CancellationToken cancellationToken)
    {
        if (_zeroLoaded)
        {
            return;
        }

        await _zeroLoad.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_zeroLoaded)
            {
                return;
            }

            if (_store is IListingZeroStore zeroStore)
            {
                Volatile.Write(ref _zeroVersion, await zeroStore.GetZeroedListingVersionAsync(cancellationToken).ConfigureAwait(false));
                foreach (var plan in GetPlans())
                {
                    foreach (var item in await zeroStore.GetZeroedListingItemsAsync(plan.Name, cancellationToken).ConfigureAwait(false))
                    {
                        _zeroed.TryAdd((plan.Name, item), 0);
                    }
                }
            }

            _zeroLoaded = true;
        }
        finally
        {
            _zeroLoad.Release();
        }
    }

    private bool IsZeroed(ChannelPlan plan, string channelItemId) =>
        !_zeroed.IsEmpty && _zeroed.ContainsKey((plan.Name, channelItemId));
}

using System.Collections.Concurrent;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Items a listing action set to zero (<see cref="Connectors.Internal.IListingZeroSink"/>): their rows compute as zero,
/// as items out of sale do, so the zero is a desired quantity like any other and survives later stock changes. With a
/// store implementing <see cref="IListingZeroStore"/> the list is written there before it takes effect and read back
/// before the first computation, so it also survives a restart.
/// </summary>
internal sealed partial class InventoryEngine : Connectors.Internal.IListingZeroSink
{
    // Read by ComputeItem (under the writer, or by a dry run without it), written here under the writer.
    private readonly ConcurrentDictionary<(string Channel, string Item), byte> _zeroed = new();
    private readonly SemaphoreSlim _zeroLoad = new(1, 1);
    private volatile bool _zeroLoaded;

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
            // The stored list first: after a restart, what it holds and is no longer wanted must be recomputed too.
            await EnsureZeroListLoadedAsync(cancellationToken).ConfigureAwait(false);
            var removed = _zeroed.Keys.Where(k => k.Channel == plan.Name && !wanted.Contains(k.Item)).Select(k => k.Item).ToList();
            var added = wanted.Where(item => !_zeroed.ContainsKey((plan.Name, item))).ToList();
            if (removed.Count == 0 && added.Count == 0)
            {
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

            List<string> changed = [.. removed, .. added];
            if (_shared is null)
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var item in changed)
            {
                if (await _resolver.FindByChannelItemAsync(plan.Name, item, cancellationToken).ConfigureAwait(false) is { } definition)
                {
                    foreach (var component in definition.Components)
                    {
                        // Every location's row changes, not only those of a stock change.
                        _dirty.Add(component.Sku);
                        _dirtyEverywhere.Add(component.Sku);
                    }
                }
            }

            await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
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

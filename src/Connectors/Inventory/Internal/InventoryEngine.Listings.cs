using System.Collections.Concurrent;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Items a listing action set to zero (<see cref="Connectors.Internal.IListingZeroSink"/>): their rows compute as zero,
/// as items out of sale do, so the zero is a desired quantity like any other and survives later stock changes.
/// </summary>
internal sealed partial class InventoryEngine : Connectors.Internal.IListingZeroSink
{
    // Read by ComputeItem (under the writer, or by a dry run without it), written here under the writer.
    private readonly ConcurrentDictionary<(string Channel, string Item), byte> _zeroed = new();

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
            var changed = new List<string>();
            foreach (var (key, _) in _zeroed)
            {
                if (key.Channel == plan.Name && !wanted.Contains(key.Item) && _zeroed.TryRemove(key, out _))
                {
                    changed.Add(key.Item);
                }
            }

            foreach (var item in wanted)
            {
                if (_zeroed.TryAdd((plan.Name, item), 0))
                {
                    changed.Add(item);
                }
            }

            if (changed.Count == 0)
            {
                return;
            }

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

    private bool IsZeroed(ChannelPlan plan, string channelItemId) =>
        !_zeroed.IsEmpty && _zeroed.ContainsKey((plan.Name, channelItemId));
}

using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Stock a channel moved by itself (<see cref="IStockMovingChannel"/>): the rows of the items are marked as showing an
/// unknown level, so the dispatcher pushes their desired quantity again.
/// </summary>
internal sealed partial class InventoryEngine
{
    /// <summary>
    /// The acknowledged quantity of a row whose channel level the engine no longer knows. Desired is never negative, so
    /// the row is pending until the next push acknowledges what it sent.
    /// </summary>
    internal const int UnknownLevel = -1;

    public async ValueTask ChannelMovedStockAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(channelItemIds);
        if (channelItemIds.Count == 0 || FindPlan(channel) is not { } plan)
        {
            return;
        }

        var keys = new List<InventoryKey>();
        if (plan.ChannelLocations.Length > 0)
        {
            foreach (var item in channelItemIds)
            {
                foreach (var location in plan.ChannelLocations)
                {
                    keys.Add(new InventoryKey(plan.Name, item, location));
                }
            }
        }
        else
        {
            // Locations follow the WMS's: the rows the channel has for these items are the ones to find.
            var items = new HashSet<string>(channelItemIds, StringComparer.Ordinal);
            await foreach (var row in _store.ListInventoryAsync(plan.Name, pendingOnly: false, cancellationToken).ConfigureAwait(false))
            {
                if (items.Contains(row.Key.ChannelItemId))
                {
                    keys.Add(row.Key);
                }
            }
        }

        var unknown = new List<InventoryAcknowledgement>(keys.Count);
        foreach (var key in keys)
        {
            // A row never pushed is pending already; one the engine never had is not the engine's to push.
            if (await _store.GetInventoryAsync(key, cancellationToken).ConfigureAwait(false) is { Acknowledged: not null })
            {
                unknown.Add(new InventoryAcknowledgement(key, UnknownLevel));
            }
        }

        if (unknown.Count == 0)
        {
            return;
        }

        await _store.AcknowledgeInventoryAsync(unknown, cancellationToken).ConfigureAwait(false);

        // A row the dispatcher had parked is due again: the channel changed under it.
        await _store.ResumeInventoryAsync([.. unknown.Select(u => u.Key)], _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Log.ChannelMovedStock(_logger, channel, unknown.Count);
        _pushSignal?.Notify();
    }

    private ChannelPlan? FindPlan(string channel)
    {
        foreach (var plan in GetPlans())
        {
            if (string.Equals(plan.Name, channel, StringComparison.OrdinalIgnoreCase))
            {
                return plan;
            }
        }

        return null;
    }
}

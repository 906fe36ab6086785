using Connectors.Internal;

namespace Connectors.State;

/// <summary>Daily budgets (<see cref="IQuotaStore"/>): one count per channel, window and listing, under the store's lock.</summary>
public sealed partial class InMemorySyncStateStore : IQuotaStore
{
    // Listing "" is the channel's call count; a listing id is that listing's revision count.
    private readonly Dictionary<(string Channel, DateTimeOffset Window, string Listing), int> _quota = [];

    /// <inheritdoc />
    public ValueTask<int> SpendCallsAsync(QuotaSpend spend, CancellationToken cancellationToken = default)
    {
        QuotaChecks.Check(spend);
        lock (_gate)
        {
            var key = (spend.Channel, spend.WindowStart.ToUniversalTime(), string.Empty);
            var used = _quota.GetValueOrDefault(key);
            var granted = Math.Max(0, Math.Min(spend.Amount, spend.Limit - used));
            _quota[key] = used + granted;
            return ValueTask.FromResult(granted);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> SpendRevisionsAsync(RevisionSpend spend, CancellationToken cancellationToken = default)
    {
        var wanted = QuotaChecks.Check(spend);
        var refused = new List<string>();
        lock (_gate)
        {
            foreach (var (listing, count) in wanted)
            {
                var key = (spend.Channel, spend.WindowStart.ToUniversalTime(), listing);
                var used = _quota.GetValueOrDefault(key);
                if (used + count > spend.Limit)
                {
                    refused.Add(listing);
                    continue;
                }

                _quota[key] = used + count;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<string>>(refused);
    }

    /// <inheritdoc />
    public ValueTask<int> GetCallsSpentAsync(string channel, DateTimeOffset windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        lock (_gate)
        {
            return ValueTask.FromResult(_quota.GetValueOrDefault((channel, windowStart.ToUniversalTime(), string.Empty)));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> GetRevisionsSpentAsync(string channel, string listing, DateTimeOffset windowStart, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        QuotaChecks.Listing(listing, nameof(listing));
        lock (_gate)
        {
            return ValueTask.FromResult(_quota.GetValueOrDefault((channel, windowStart.ToUniversalTime(), listing)));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<InventoryKey>> DeferClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var refused = new List<InventoryKey>();
        lock (_gate)
        {
            foreach (var row in claimed)
            {
                if (!_inventory.TryGetValue(row.Key, out var entry))
                {
                    continue;
                }

                if (row.LeaseToken is null || !string.Equals(entry.LeaseOwner, row.LeaseToken, StringComparison.Ordinal))
                {
                    refused.Add(row.Key);
                    continue;
                }

                entry.NextAttemptAt = nextAttemptAt;
                entry.LeaseUntil = DateTimeOffset.MinValue;
                entry.LeaseOwner = null;
                entry.LastError = reason;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<InventoryKey>>(refused);
    }

    /// <inheritdoc />
    public ValueTask<int> PruneQuotaAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var old = _quota.Keys.Where(k => k.Window < before).ToList();
            foreach (var key in old)
            {
                _quota.Remove(key);
            }

            return ValueTask.FromResult(old.Count);
        }
    }
}

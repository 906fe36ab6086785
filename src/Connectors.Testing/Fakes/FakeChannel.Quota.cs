namespace Connectors.Testing;

/// <summary>
/// The fake's daily quota, enforced as a platform does: a push beyond the day's calls is refused whole with a 429, and a
/// target beyond its listing's revisions for the day is rejected (eBay blocks revising the listing until the next
/// calendar day). Off until <see cref="Quota"/> declares a budget.
/// </summary>
public sealed partial class FakeChannel : IQuotaLimitedChannel
{
    // Key "" counts the window's calls; an item id counts that listing's revisions.
    private readonly Dictionary<(DateTimeOffset Window, string Listing), int> _quotaCounts = [];
    private int _quotaRefusals;

    /// <summary>The daily budgets the fake declares and enforces.</summary>
    /// <value>Default: no budget (not metered).</value>
    public ChannelQuota Quota { get; set; } = new();

    /// <summary>The clock the fake's daily windows run on.</summary>
    /// <value>Default <see cref="TimeProvider.System"/>.</value>
    public TimeProvider QuotaClock { get; set; } = TimeProvider.System;

    /// <summary>Pushes refused for the call budget plus targets rejected for a listing's revisions: what a dispatcher that kept to the quota never causes.</summary>
    public int QuotaRefusals
    {
        get
        {
            lock (_gate)
            {
                return _quotaRefusals;
            }
        }
    }

    /// <summary>Pushes the fake accepted in the daily window holding <paramref name="at"/>.</summary>
    /// <param name="at">A time in the window.</param>
    /// <returns>The calls counted.</returns>
    public int CallsInWindow(DateTimeOffset at)
    {
        lock (_gate)
        {
            return _quotaCounts.GetValueOrDefault((Quota.WindowAt(at).Start, string.Empty));
        }
    }

    /// <summary>Counts the call and each target's revision; throws when the call budget is spent.</summary>
    /// <returns>The items whose revisions for the day are spent, to reject.</returns>
    private HashSet<string>? ChargeQuota(IReadOnlyList<InventoryTarget> targets)
    {
        if (!Quota.IsMetered)
        {
            return null;
        }

        var now = QuotaClock.GetUtcNow();
        var (start, end) = Quota.WindowAt(now);
        HashSet<string>? capped = null;
        lock (_gate)
        {
            var calls = _quotaCounts.GetValueOrDefault((start, string.Empty));
            if (Quota.CallsPerDay is { } limit && calls >= limit)
            {
                _quotaRefusals++;
                throw new ConnectorRateLimitedException("fake", $"The daily call limit of {limit} is reached.", end - now);
            }

            _quotaCounts[(start, string.Empty)] = calls + 1;
            if (Quota.RevisionsPerListingPerDay is not { } revisions)
            {
                return null;
            }

            foreach (var target in targets)
            {
                var used = _quotaCounts.GetValueOrDefault((start, target.ChannelItemId));
                if (used >= revisions)
                {
                    _quotaRefusals++;
                    (capped ??= new HashSet<string>(StringComparer.Ordinal)).Add(target.ChannelItemId);
                    continue;
                }

                _quotaCounts[(start, target.ChannelItemId)] = used + 1;
            }
        }

        return capped;
    }
}

using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Dispatch under a daily quota: claim every due row, rank by oversell risk, spend the budget kept in the store
/// (<see cref="IQuotaStore"/>) on the top of the ranking, and defer the rest until the budget allows more.
/// </summary>
internal sealed partial class InventoryEngine
{
    /// <summary>The most rows one pass ranks; what is beyond waits for the next pass.</summary>
    internal const int QuotaClaimLimit = 100_000;

    private const int QuotaClaimSlice = 1_000;

    private async Task<InventoryDispatchResult> DispatchUnderQuotaAsync(ChannelPlan plan, ChannelQuota quota, CancellationToken cancellationToken)
    {
        var budgets = _store as IQuotaStore ?? throw new ConnectorException(
            $"Channel '{plan.Name}' declares a daily quota, but the state store ({_store.GetType().Name}) does not implement IQuotaStore, so the budget cannot be kept. Use a store that does (in-memory, SQLite, PostgreSQL) or remove the quota.");
        var now = _time.GetUtcNow();
        var rows = new List<InventoryRow>();
        while (rows.Count < QuotaClaimLimit)
        {
            var slice = await _store.ClaimPendingInventoryAsync(plan.Name, Math.Min(QuotaClaimSlice, QuotaClaimLimit - rows.Count), now, _options.LeaseDuration, cancellationToken)
                .ConfigureAwait(false);
            rows.AddRange(slice);
            if (slice.Count < QuotaClaimSlice)
            {
                break;
            }
        }

        if (rows.Count > 0)
        {
            rows = [.. await GuardZeroedAsync(plan, rows, [], cancellationToken).ConfigureAwait(false)];
        }

        if (rows.Count == 0)
        {
            return new InventoryDispatchResult
            {
                Channel = plan.Name,
                Batches = 0,
                Applied = 0,
                Rejected = 0,
                Rescheduled = 0,
                DeadLettered = 0,
            };
        }

        var (start, end) = quota.WindowAt(now);
        var risk = plan.Options.QuotaOrder == QuotaSpendingOrder.RiskFirst;
        var threshold = plan.Options.LowStockThreshold;
        if (risk)
        {
            RankByRisk(rows, _changeRates.Observe(rows, now), threshold);
        }
        else
        {
            rows.Sort(static (a, b) => a.UpdatedAt.CompareTo(b.UpdatedAt));
        }

        var batchSize = plan.Port.Capabilities.MaxInventoryBatchSize;
        var selected = rows.Count;
        var spent = 0;
        var calls = (rows.Count + batchSize - 1) / batchSize;
        var dueAt = end;
        var reason = "the daily call budget is spent";
        var tag = "budget";
        if (quota.CallsPerDay is { } limit)
        {
            spent = await budgets.GetCallsSpentAsync(plan.Name, start, cancellationToken).ConfigureAwait(false);
            var wanted = Math.Min(calls, Math.Max(0, limit - spent));
            if (risk && wanted > 0)
            {
                // Urgent rows may take the whole remaining budget at once; the rest only what the pacing line has
                // reached, so the budget lasts until the window refills. Urgent rows come first in the ranking, and
                // the rows filling their last batch cost no extra call.
                var urgent = 0;
                while (urgent < rows.Count && Tier(rows[urgent], threshold) == 0)
                {
                    urgent++;
                }

                var elapsed = (now - start).Ticks / (double)(end - start).Ticks;
                // The tolerance keeps a line that is exactly on a whole call (9.0000000001) from granting one more.
                var paced = Math.Max(0, (int)Math.Ceiling((limit * elapsed) - 1e-9) - spent);
                wanted = Math.Min(wanted, Math.Max((urgent + batchSize - 1) / batchSize, paced));
            }

            var granted = wanted == 0 ? 0 : await budgets.SpendCallsAsync(
                new QuotaSpend { Channel = plan.Name, WindowStart = start, Limit = limit, Amount = wanted }, cancellationToken).ConfigureAwait(false);
            spent += granted;
            calls = granted;
            selected = Math.Min(rows.Count, granted * batchSize);
            if (spent < limit)
            {
                // Not spent out: the pacing line held the rest back until it reaches the next call.
                dueAt = start + TimeSpan.FromTicks((long)Math.Ceiling((end - start).Ticks * (double)spent / limit));
                dueAt = dueAt > now ? dueAt : now + TimeSpan.FromSeconds(1);
                reason = "paced over the daily window";
                tag = "pacing";
            }
        }

        var push = rows.GetRange(0, selected);
        var deferred = rows.GetRange(selected, rows.Count - selected);
        List<InventoryRow>? capped = null;
        if (quota.RevisionsPerListingPerDay is { } revisions && push.Count > 0)
        {
            var refused = await budgets.SpendRevisionsAsync(
                new RevisionSpend { Channel = plan.Name, WindowStart = start, Limit = revisions, Listings = [.. push.Select(r => r.Key.ChannelItemId)] },
                cancellationToken).ConfigureAwait(false);
            if (refused.Count > 0)
            {
                var set = refused.ToHashSet(StringComparer.Ordinal);
                capped = push.FindAll(r => set.Contains(r.Key.ChannelItemId));
                push.RemoveAll(r => set.Contains(r.Key.ChannelItemId));
            }
        }

        var total = default(BatchOutcome);
        for (var offset = 0; offset < push.Count; offset += batchSize * Settings.MaxBatchesInFlight)
        {
            var tasks = new List<Task<BatchOutcome>>();
            for (var i = offset; i < Math.Min(push.Count, offset + (batchSize * Settings.MaxBatchesInFlight)); i += batchSize)
            {
                tasks.Add(PushBatchAsync(plan, push.GetRange(i, Math.Min(batchSize, push.Count - i)), cancellationToken));
            }

            foreach (var outcome in await Task.WhenAll(tasks).ConfigureAwait(false))
            {
                total += outcome;
            }
        }

        await DeferAsync(budgets, plan, deferred, dueAt, reason, tag, cancellationToken).ConfigureAwait(false);
        if (capped is not null)
        {
            await DeferAsync(budgets, plan, capped, end, "the listing's daily revisions are spent", "listing", cancellationToken).ConfigureAwait(false);
        }

        if (deferred.Count > 0 || capped is not null)
        {
            Log.QuotaDeferred(_logger, plan.Name, push.Count, calls, deferred.Count + (capped?.Count ?? 0), dueAt, reason, spent, quota.CallsPerDay);
        }

        return new InventoryDispatchResult
        {
            Channel = plan.Name,
            Batches = total.Batches,
            Applied = total.Applied,
            Rejected = total.Rejected,
            Rescheduled = total.Rescheduled,
            DeadLettered = total.DeadLettered,
        };
    }

    private async Task DeferAsync(IQuotaStore budgets, ChannelPlan plan, List<InventoryRow> rows, DateTimeOffset dueAt, string reason, string tag, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var lost = await budgets.DeferClaimedInventoryAsync(rows, dueAt, $"quota: {reason}", cancellationToken).ConfigureAwait(false);
        LeasesLost(plan, lost, "defer");
        _metrics.InventoryQuotaDeferred.Add(rows.Count - lost.Count, ConnectorsMetrics.Channel(plan.Name), ConnectorsMetrics.Outcome(tag));
    }

    /// <summary>
    /// 0: the level falls to zero or to the low-stock threshold (a never-pushed row counts as falling); 1: any other
    /// decrease or a never-pushed row; 2: an increase.
    /// </summary>
    private static int Tier(InventoryRow row, int threshold)
    {
        if (row.Acknowledged is not { } shown)
        {
            return row.Desired <= threshold ? 0 : 1;
        }

        if (row.Desired < shown)
        {
            return row.Desired <= threshold ? 0 : 1;
        }

        return 2;
    }

    /// <summary>
    /// The expected exposure a push removes: the units shown above the new level times how long they would stay shown
    /// otherwise. Without a push a gap lasts until the row changes again (a restock closes it; the next sale only adds to
    /// it, and a push then clears both), so the time is the expected wait for the row's next change, one over its change
    /// rate, capped at a day. A slow row's small gap thus outranks a bestseller's larger one, which its next restock
    /// will close within minutes anyway.
    /// </summary>
    internal static double ExpectedExposure(long gap, double changesPerHour) =>
        gap * Math.Min(ExposureHorizonHours, 1 / changesPerHour);

    private const double ExposureHorizonHours = 24;

    /// <summary>
    /// Risk order: by tier; decreases by expected exposure removed (<see cref="ExpectedExposure"/>), larger first;
    /// increases from zero before others (a listing showing nothing sells nothing); then oldest change first.
    /// </summary>
    private static void RankByRisk(List<InventoryRow> rows, double[] changesPerHour, int threshold)
    {
        var ranked = new (InventoryRow Row, int Tier, double Exposure)[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var tier = Tier(rows[i], threshold);
            ranked[i] = (rows[i], tier, tier < 2 ? ExpectedExposure(Gap(rows[i]), changesPerHour[i]) : 0);
        }

        Array.Sort(ranked, static (a, b) =>
        {
            if (a.Tier != b.Tier)
            {
                return a.Tier.CompareTo(b.Tier);
            }

            if (a.Tier < 2)
            {
                var exposure = b.Exposure.CompareTo(a.Exposure);
                if (exposure != 0)
                {
                    return exposure;
                }
            }
            else
            {
                var fromZero = (b.Row.Acknowledged == 0).CompareTo(a.Row.Acknowledged == 0);
                if (fromZero != 0)
                {
                    return fromZero;
                }
            }

            var age = a.Row.UpdatedAt.CompareTo(b.Row.UpdatedAt);
            return age != 0 ? age : string.CompareOrdinal(a.Row.Key.ToString(), b.Row.Key.ToString());
        });

        for (var i = 0; i < ranked.Length; i++)
        {
            rows[i] = ranked[i].Row;
        }
    }

    private static long Gap(InventoryRow row) => row.Acknowledged is { } shown ? (long)shown - row.Desired : 0;
}

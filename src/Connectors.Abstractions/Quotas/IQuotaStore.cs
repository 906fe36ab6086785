namespace Connectors;

/// <summary>
/// Daily budgets kept in the state store, so every host sharing the store spends one budget (see
/// <see cref="ChannelQuota"/>). An optional store capability beside <see cref="ISyncStateStore"/>; the engine needs it
/// only for channels that declare a quota. Every spend is atomic: hosts spending one budget at once together never
/// take more than its limit.
/// </summary>
public interface IQuotaStore
{
    /// <summary>
    /// Spends up to <see cref="QuotaSpend.Amount"/> calls of the window's budget: grants what is left of
    /// <see cref="QuotaSpend.Limit"/>, at most the amount, and adds it to the window's count.
    /// </summary>
    /// <param name="spend">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The calls granted, from 0 to the amount.</returns>
    ValueTask<int> SpendCallsAsync(QuotaSpend spend, CancellationToken cancellationToken = default);

    /// <summary>
    /// Spends revisions per listing: a listing wanting n revisions gets all n when its count plus n stays within
    /// <see cref="RevisionSpend.Limit"/>, else none (its count is left as it was).
    /// </summary>
    /// <param name="spend">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The listings refused, each once.</returns>
    ValueTask<IReadOnlyList<string>> SpendRevisionsAsync(RevisionSpend spend, CancellationToken cancellationToken = default);

    /// <summary>Reads how many calls of a window's budget are spent.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="windowStart">The window's start.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The calls spent; 0 for a window nothing was spent in.</returns>
    ValueTask<int> GetCallsSpentAsync(string channel, DateTimeOffset windowStart, CancellationToken cancellationToken = default);

    /// <summary>Reads how many revisions of a listing are spent in a window.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="listing">The listing (channel item id).</param>
    /// <param name="windowStart">The window's start.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revisions spent; 0 when none.</returns>
    ValueTask<int> GetRevisionsSpentAsync(string channel, string listing, DateTimeOffset windowStart, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases claimed inventory rows the budget did not cover, due again at <paramref name="nextAttemptAt"/>, without
    /// counting an attempt or touching their desired quantity (a change of it makes them due at once, as always). Only
    /// rows the caller still owns (their lease token is still the row's) are released; the others are left to their owner.
    /// </summary>
    /// <param name="claimed">The rows as claimed.</param>
    /// <param name="nextAttemptAt">When they are due again.</param>
    /// <param name="reason">Why they wait, kept as the row's last error.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows not released because the caller no longer owns them.</returns>
    ValueTask<IReadOnlyList<InventoryKey>> DeferClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Deletes the counts of windows that started before <paramref name="before"/>.</summary>
    /// <param name="before">The oldest window start to keep.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many counts were deleted.</returns>
    ValueTask<int> PruneQuotaAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}

namespace Connectors;

/// <summary>
/// Retention: removes finished state past its age. Part of <see cref="ISyncStateStore"/>.
/// </summary>
public interface IStateRetention
{
    /// <summary>
    /// Deletes completed work items completed before <paramref name="olderThan"/>, idempotency keys recorded before it, and
    /// per-order lock rows (cursors named <c>order-lock|{order id}</c>, valued <c>{token}|{expiry ticks}</c>) that expired
    /// before it.
    /// </summary>
    /// <param name="olderThan">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<long> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}

namespace Connectors;

/// <summary>
/// Owned leases on inventory rows: a store that implements this gives every claim an owner token
/// (<see cref="InventoryRow.LeaseToken"/>) and checks it when a push's outcome is recorded. A separate interface so that a
/// store written against the first <see cref="ISyncStateStore"/> keeps compiling; the engine uses these members whenever
/// the store implements them.
/// </summary>
public interface IOwnedInventoryStore
{
    /// <summary>
    /// Records quantities the channel applied under a claim. An acknowledgement whose
    /// <see cref="InventoryAcknowledgement.LeaseToken"/> is still the row's is stored as by
    /// <see cref="IInventoryStateStore.AcknowledgeInventoryAsync"/>. One whose token is not (its lease ran out and another worker
    /// claimed the row) is refused, and because its push reached the channel at a moment nobody knows, the row is
    /// marked unconfirmed: the acknowledged quantity is cleared, the row is due at <paramref name="now"/>, and the other
    /// worker's lease is revoked, so its acknowledgement is refused as well and the row is pushed once more after both.
    /// </summary>
    /// <param name="acknowledgements">The applied quantities, each with the token of its claim.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows whose acknowledgement was refused.</returns>
    ValueTask<IReadOnlyList<InventoryKey>> AcknowledgeClaimedInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases claimed rows whose push failed, as <see cref="IInventoryStateStore.RescheduleInventoryAsync"/>, but only those the
    /// caller still owns (their token is still the row's); the others are left to the worker that owns them.
    /// </summary>
    /// <param name="claimed">The rows as claimed.</param>
    /// <param name="nextAttemptAt">When they are due again (<see cref="DateTimeOffset.MaxValue"/> parks them).</param>
    /// <param name="reason">Why the push failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows that were not rescheduled because the caller no longer owns them.</returns>
    ValueTask<IReadOnlyList<InventoryKey>> RescheduleClaimedInventoryAsync(IReadOnlyList<InventoryRow> claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);
}

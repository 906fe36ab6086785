namespace Connectors;

/// <summary>
/// Owned leases on inbox and outbox items: a store that implements this gives every claim an owner token
/// (<see cref="WorkItem.LeaseToken"/>) and refuses a write made with a token that is no longer the item's, so a worker
/// whose lease ran out (a paused or slow host) cannot complete, reschedule or dead-letter an item another worker has
/// claimed since. A separate interface so that a store written against the first <see cref="ISyncStateStore"/> keeps
/// compiling; the engine uses these members whenever the store implements them.
/// </summary>
/// <remarks>
/// A store shared by several hosts should keep lease time on one clock for all of them (the PostgreSQL store uses the
/// database's clock), so that a host whose clock is off neither takes a live lease early nor keeps a dead one: the
/// <c>now</c> passed in then still dates what it dates (completion, due times), but lease expiry is the store's.
/// </remarks>
public interface IOwnedWorkItemStore
{
    /// <summary>
    /// Extends the lease of a claimed item by <paramref name="lease"/> from now, if the caller still owns it. A worker
    /// renews before each item of a claimed batch and before a side effect, so a long pass keeps what it has not
    /// reached yet, and a worker that lost an item finds out before it acts.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="claimed">The item as claimed (its <see cref="WorkItem.LeaseToken"/> names the owner).</param>
    /// <param name="now">The caller's current time (a store with its own lease clock ignores it for the lease).</param>
    /// <param name="lease">How long the lease holds from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="ClaimWriteResult.Written"/> when renewed; <see cref="ClaimWriteResult.NotOwner"/> when the item is no longer the caller's.</returns>
    ValueTask<ClaimWriteResult> RenewClaimAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks a claimed item done and releases its lease, if the caller still owns it.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="claimed">The item as claimed.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the write was stored or refused because another worker owns the item.</returns>
    ValueTask<ClaimWriteResult> CompleteClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Releases a claimed item after a passing failure, due again at <paramref name="nextAttemptAt"/>, if the caller still owns it.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="claimed">The item as claimed.</param>
    /// <param name="nextAttemptAt">When it is due again.</param>
    /// <param name="reason">Why it failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the write was stored or refused because another worker owns the item.</returns>
    ValueTask<ClaimWriteResult> RescheduleClaimedAsync(WorkQueue queue, WorkItem claimed, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically marks a claimed item dead-lettered and stores its dead letter (id = item id), if the caller still owns
    /// it; as <see cref="IWorkQueueStore.MoveToDeadLetterAsync"/> otherwise.
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="claimed">The item as claimed.</param>
    /// <param name="flow">The flow, for the dead letter.</param>
    /// <param name="reason">Why it cannot proceed.</param>
    /// <param name="errorType">The error type or code.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/> when the caller no longer owns the item (nothing was written).</returns>
    ValueTask<DeadLetter?> DeadLetterClaimedAsync(WorkQueue queue, WorkItem claimed, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default);
}

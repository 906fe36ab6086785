namespace Connectors;

/// <summary>
/// The durable inbox and outbox: work items with leases, attempts and due times. Part of <see cref="ISyncStateStore"/>;
/// <see cref="IOwnedWorkItemStore"/> adds the owner-checked writes.
/// </summary>
public interface IWorkQueueStore
{
    /// <summary>Adds a work item unless one with the same id is in that queue already (in any status).</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="item">The item; its status, attempts and next attempt are set by the store (due at once).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when added; <see langword="false"/> for a duplicate.</returns>
    ValueTask<bool> EnqueueAsync(WorkQueue queue, WorkItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxItems"/> pending, due and unleased items, oldest enqueued first, leasing them and
    /// counting one attempt each. A store that implements <see cref="IOwnedWorkItemStore"/> gives the claim a new owner
    /// token, carried on each item (<see cref="WorkItem.LeaseToken"/>).
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="maxItems">The most items to claim.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the claim holds before another worker may take them.</param>
    /// <param name="channel">Only this channel's items, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed items.</returns>
    ValueTask<IReadOnlyList<WorkItem>> ClaimAsync(WorkQueue queue, int maxItems, DateTimeOffset now, TimeSpan lease, string? channel = null, CancellationToken cancellationToken = default);

    /// <summary>Marks an item done and releases its lease, whoever holds it (<see cref="IOwnedWorkItemStore.CompleteClaimedAsync"/> checks the owner).</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask CompleteAsync(WorkQueue queue, string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases an item after a passing failure, whoever holds it; it is due again at <paramref name="nextAttemptAt"/>
    /// (<see cref="IOwnedWorkItemStore.RescheduleClaimedAsync"/> checks the owner).
    /// </summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item id.</param>
    /// <param name="nextAttemptAt">When it is due again.</param>
    /// <param name="reason">Why it failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask RescheduleAsync(WorkQueue queue, string id, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Atomically marks an item dead-lettered and stores its dead letter (id = item id).</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item id.</param>
    /// <param name="flow">The flow, for the dead letter.</param>
    /// <param name="reason">Why it cannot proceed.</param>
    /// <param name="errorType">The error type or code.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/> when the item does not exist.</returns>
    ValueTask<DeadLetter?> MoveToDeadLetterAsync(WorkQueue queue, string id, string flow, string reason, string? errorType, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reads one work item.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="id">The item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    ValueTask<WorkItem?> GetWorkItemAsync(WorkQueue queue, string id, CancellationToken cancellationToken = default);

    /// <summary>Counts pending items (due or not), for health checks and metrics.</summary>
    /// <param name="queue">The queue.</param>
    /// <param name="channel">Only this channel's items, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountPendingAsync(WorkQueue queue, string? channel = null, CancellationToken cancellationToken = default);
}

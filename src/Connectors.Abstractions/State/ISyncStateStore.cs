namespace Connectors;

/// <summary>
/// Durable engine state: inventory rows (desired and acknowledged), the inbox and outbox with leases, dead letters,
/// cursors, idempotency keys, order records and oversell reservations. Implementations must pass the conformance
/// suite in <c>Connectors.Testing</c>. Time is passed in by the caller, so a store has no clock of its own, with one
/// exception: a store shared by several hosts may measure lease expiry on its own clock (see <see cref="IOwnedWorkItemStore"/>).
/// Every batch method is atomic: all of it is stored, or none. A store should also implement <see cref="IOwnedWorkItemStore"/>
/// and <see cref="IOwnedInventoryStore"/>, so that a worker whose lease ran out cannot write over the next owner's work.
/// </summary>
public partial interface ISyncStateStore
{
    // Inventory ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Sets desired quantities. A row whose desired quantity changes gets a new <see cref="InventoryRow.Version"/>,
    /// its attempts reset and <see cref="InventoryRow.NextAttemptAt"/> set to <paramref name="now"/>; a row whose
    /// desired quantity is unchanged is left as it is. When a key repeats in the batch, the last entry wins.
    /// </summary>
    /// <param name="rows">The new desired quantities.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many rows changed.</returns>
    ValueTask<int> SetDesiredInventoryAsync(IReadOnlyList<DesiredInventory> rows, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxRows"/> pending rows of a channel (desired differs from acknowledged, due by
    /// <paramref name="now"/>, not leased), oldest due first, and leases them until <paramref name="now"/> + <paramref name="lease"/>.
    /// A store that implements <see cref="IOwnedInventoryStore"/> gives the claim a new owner token, carried on each row
    /// (<see cref="InventoryRow.LeaseToken"/>).
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="maxRows">The most rows to claim.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the claim holds before another worker may take the rows.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed rows.</returns>
    ValueTask<IReadOnlyList<InventoryRow>> ClaimPendingInventoryAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records quantities the channel applied and releases their leases. If desired changed meanwhile, the row stays
    /// pending because desired still differs from the acknowledged quantity.
    /// </summary>
    /// <param name="acknowledgements">The applied quantities.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AcknowledgeInventoryAsync(IReadOnlyList<InventoryAcknowledgement> acknowledgements, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases rows whose push failed: attempts grow by one, the error is kept, and the rows are due again at
    /// <paramref name="nextAttemptAt"/> (<see cref="DateTimeOffset.MaxValue"/> parks them until desired changes).
    /// </summary>
    /// <param name="keys">The rows.</param>
    /// <param name="nextAttemptAt">When they are due again.</param>
    /// <param name="reason">Why the push failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask RescheduleInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes rows the dispatcher gave up on or is backing off due again: for each of <paramref name="keys"/> whose row is
    /// pending (desired differs from acknowledged), attempts are reset, the error is cleared and the row is due at
    /// <paramref name="now"/>, as when its desired quantity changes, but its version and desired quantity stay as they
    /// are. This un-parks a row parked with <see cref="DateTimeOffset.MaxValue"/>. Rows that are not pending, and keys
    /// with no row, are left alone; a leased row keeps its lease; a key named twice counts once.
    /// </summary>
    /// <param name="keys">The rows.</param>
    /// <param name="now">The current time; the rows are due from then.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many rows were made due.</returns>
    ValueTask<int> ResumeInventoryAsync(IReadOnlyList<InventoryKey> keys, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reads one row.</summary>
    /// <param name="key">The row.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The row, or <see langword="null"/>.</returns>
    ValueTask<InventoryRow?> GetInventoryAsync(InventoryKey key, CancellationToken cancellationToken = default);

    /// <summary>Lists the rows of a channel, ordered by item id then location id.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="pendingOnly">Only rows whose desired differs from acknowledged.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The rows.</returns>
    IAsyncEnumerable<InventoryRow> ListInventoryAsync(string channel, bool pendingOnly = false, CancellationToken cancellationToken = default);

    // Inbox and outbox --------------------------------------------------------------------------------------

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

    // Dead letters ------------------------------------------------------------------------------------------

    /// <summary>Stores a dead letter, replacing one with the same id.</summary>
    /// <param name="deadLetter">The dead letter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddDeadLetterAsync(DeadLetter deadLetter, CancellationToken cancellationToken = default);

    /// <summary>Lists dead letters, oldest first.</summary>
    /// <param name="channel">Only this channel's, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The dead letters.</returns>
    IAsyncEnumerable<DeadLetter> ListDeadLettersAsync(string? channel = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one dead letter.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The dead letter, or <see langword="null"/>.</returns>
    ValueTask<DeadLetter?> GetDeadLetterAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Discards a dead letter.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    ValueTask<bool> RemoveDeadLetterAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically removes a dead letter that came from a queue and makes its work item pending again (attempts reset,
    /// due at <paramref name="now"/>), so it goes through the normal path.
    /// </summary>
    /// <param name="id">The dead letter id.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when a queue item was requeued.</returns>
    ValueTask<bool> ReplayDeadLetterAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    // Cursors and idempotency -------------------------------------------------------------------------------

    /// <summary>Reads a cursor.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="name">The cursor name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cursor, or <see langword="null"/> when never set.</returns>
    ValueTask<SyncCursor?> GetCursorAsync(string channel, string name, CancellationToken cancellationToken = default);

    /// <summary>Sets a cursor if its version is still <paramref name="expectedVersion"/> (0 for a cursor never set).</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="name">The cursor name.</param>
    /// <param name="value">The new position.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when set; <see langword="false"/> when another writer got there first.</returns>
    ValueTask<bool> TrySetCursorAsync(string channel, string name, string value, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a cursor if its version is still <paramref name="expectedVersion"/>; setting it later starts again from version 0.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="name">The cursor name.</param>
    /// <param name="expectedVersion">The version read before.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when it is gone or another writer changed it.</returns>
    ValueTask<bool> TryDeleteCursorAsync(string channel, string name, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Records an idempotency key unless it is known.</summary>
    /// <param name="key">The key.</param>
    /// <param name="now">The current time (for pruning).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when new; <see langword="false"/> when seen before.</returns>
    ValueTask<bool> TryAddIdempotencyKeyAsync(string key, DateTimeOffset now, CancellationToken cancellationToken = default);

    // Orders and reservations -------------------------------------------------------------------------------

    /// <summary>Reads an order record.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<OrderRecord?> GetOrderRecordAsync(string channel, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Stores an order record, replacing the one with the same channel and order id.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask UpsertOrderRecordAsync(OrderRecord record, CancellationToken cancellationToken = default);

    /// <summary>Lists a channel's order records, ordered by order id.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The records.</returns>
    IAsyncEnumerable<OrderRecord> ListOrderRecordsAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Opens or replaces the oversell window of an order.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetReservationAsync(PendingReservation reservation, CancellationToken cancellationToken = default);

    /// <summary>Closes the oversell window of an order.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was open.</returns>
    ValueTask<bool> RemoveReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Lists every open reservation, to rebuild the oversell window after a restart.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The reservations.</returns>
    IAsyncEnumerable<PendingReservation> ListReservationsAsync(CancellationToken cancellationToken = default);

    // Retention ---------------------------------------------------------------------------------------------

    /// <summary>Deletes completed work items completed before <paramref name="olderThan"/> and idempotency keys recorded before it.</summary>
    /// <param name="olderThan">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries were deleted.</returns>
    ValueTask<long> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}

namespace Connectors;

/// <summary>
/// Inventory rows, desired and acknowledged, per channel, item and location: the level-triggered state the
/// inventory dispatcher works from. Part of <see cref="ISyncStateStore"/>.
/// </summary>
public interface IInventoryStateStore
{
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
}

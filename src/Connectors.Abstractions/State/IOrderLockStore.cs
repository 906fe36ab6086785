namespace Connectors;

/// <summary>
/// Per-order locks kept on the store's own clock: while one worker processes a version of an order, no other worker
/// (on this host or another) processes another version of it. A store that implements this measures a lock's expiry
/// with one clock for every host (the PostgreSQL store uses the database's), so a host whose clock runs ahead does not
/// see another host's live lock as expired. A separate interface so that a store written against the first
/// <see cref="ISyncStateStore"/> keeps compiling; without it the engine keeps the lock in a cursor
/// (<see cref="ICursorStore"/>) and measures expiry on each host's clock, which is right for a store one host uses.
/// </summary>
public interface IOrderLockStore
{
    /// <summary>
    /// Takes the order's lock for <paramref name="duration"/> from now on the store's clock, unless another holder's
    /// lock has not expired yet. Atomic: of two callers racing for a free or expired lock, one wins.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="token">The new holder's token (unique per acquisition); release and renewal must present it.</param>
    /// <param name="now">The caller's current time (a store with its own lock clock ignores it).</param>
    /// <param name="duration">How long the lock holds if it is neither renewed nor released (a holder that died).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when taken; <see langword="false"/> when another holder has it.</returns>
    ValueTask<bool> TryAcquireOrderLockAsync(string channel, string orderId, string token, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Frees the order's lock if <paramref name="token"/> still holds it (after it expired, another may have taken it).</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="token">The holder's token, as given to <see cref="TryAcquireOrderLockAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when freed; <see langword="false"/> when the lock was no longer this holder's.</returns>
    ValueTask<bool> ReleaseOrderLockAsync(string channel, string orderId, string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the order's lock to <paramref name="duration"/> from now on the store's clock if <paramref name="token"/>
    /// still holds it, so that a version processed for longer than the lock's duration keeps it. A holder whose lock
    /// expired and was taken by another gets <see langword="false"/> and the new holder keeps the lock.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="token">The holder's token, as given to <see cref="TryAcquireOrderLockAsync"/>.</param>
    /// <param name="now">The caller's current time (a store with its own lock clock ignores it).</param>
    /// <param name="duration">How long the lock holds from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when extended; <see langword="false"/> when the lock is no longer this holder's.</returns>
    ValueTask<bool> RenewOrderLockAsync(string channel, string orderId, string token, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);
}

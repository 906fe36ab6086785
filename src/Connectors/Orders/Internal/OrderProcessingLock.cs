using System.Globalization;

namespace Connectors.Orders.Internal;

/// <summary>
/// A per-order lease kept in the state store's cursors (compare-and-set on the cursor version), so that when several
/// workers or hosts process the inbox, two versions of one order are never processed at once: the inbox leases items,
/// not orders. The cursor <c>order-lock|{orderId}</c> of the channel holds <c>{token}|{expiry ticks}</c> while held and
/// a holder that dies loses it when the expiry passes. Releasing deletes the row (compare-and-delete on the version,
/// after checking the value is still this holder's token), so rows exist only while an order is being processed (and
/// after a holder died, until the order is processed again or the store prunes it).
/// </summary>
/// <remarks>
/// That cursor lock measures expiry on each host's clock, so with hosts whose clocks are minutes apart a host running
/// ahead sees a live lock as expired and takes it. A store that implements <see cref="IOrderLockStore"/> (the PostgreSQL
/// store) keeps the lock on its own clock instead, and is used whenever it is there.
/// </remarks>
internal sealed class OrderProcessingLock(ISyncStateStore store)
{
    public const string CursorPrefix = "order-lock|";

    /// <summary>Takes the order's lease until <paramref name="now"/> + <paramref name="duration"/>, unless another holder has it.</summary>
    /// <returns>The held lease, or <see langword="null"/> when the order is busy elsewhere.</returns>
    public async ValueTask<Held?> TryAcquireAsync(string channel, string orderId, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        var name = CursorPrefix + orderId;
        var token = Guid.NewGuid().ToString("N");
        if (store is IOrderLockStore locks)
        {
            return await locks.TryAcquireOrderLockAsync(channel, orderId, token, now, duration, cancellationToken).ConfigureAwait(false)
                ? new Held(channel, orderId, token, 0)
                : null;
        }

        var current = await store.GetCursorAsync(channel, name, cancellationToken).ConfigureAwait(false);
        if (current is not null && HeldUntil(current.Value) > now)
        {
            return null;
        }

        var value = string.Create(CultureInfo.InvariantCulture, $"{token}|{(now + duration).UtcTicks}");
        var expected = current?.Version ?? 0;
        return await store.TrySetCursorAsync(channel, name, value, expected, cancellationToken).ConfigureAwait(false)
            ? new Held(channel, orderId, value, expected + 1)
            : null;
    }

    /// <summary>
    /// Frees the lease if it is still this holder's (after it expired, another may have taken it) by deleting its row.
    /// The value is compared, not only the version: a deleted row starts again from version 1, so a late release could
    /// otherwise delete the lease of a later holder.
    /// </summary>
    public async ValueTask ReleaseAsync(Held held, CancellationToken cancellationToken)
    {
        if (store is IOrderLockStore locks)
        {
            await locks.ReleaseOrderLockAsync(held.Channel, held.OrderId, held.Value, cancellationToken).ConfigureAwait(false);
            return;
        }

        var name = CursorPrefix + held.OrderId;
        var current = await store.GetCursorAsync(held.Channel, name, cancellationToken).ConfigureAwait(false);
        if (current is not null && string.Equals(current.Value, held.Value, StringComparison.Ordinal))
        {
            await store.TryDeleteCursorAsync(held.Channel, name, current.Version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Extends a held lease to <paramref name="now"/> + <paramref name="duration"/> while this holder still has it, so a
    /// version processed for longer than the lease is not taken over mid-flight.
    /// </summary>
    /// <returns>The extended lease (release that one), or <see langword="null"/> when another holder took the order.</returns>
    public async ValueTask<Held?> RenewAsync(Held held, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (store is IOrderLockStore locks)
        {
            return await locks.RenewOrderLockAsync(held.Channel, held.OrderId, held.Value, now, duration, cancellationToken).ConfigureAwait(false)
                ? held
                : null;
        }

        var name = CursorPrefix + held.OrderId;
        var current = await store.GetCursorAsync(held.Channel, name, cancellationToken).ConfigureAwait(false);
        if (current is null || !string.Equals(current.Value, held.Value, StringComparison.Ordinal))
        {
            return null;
        }

        var token = held.Value[..held.Value.LastIndexOf('|')];
        var value = string.Create(CultureInfo.InvariantCulture, $"{token}|{(now + duration).UtcTicks}");
        return await store.TrySetCursorAsync(held.Channel, name, value, current.Version, cancellationToken).ConfigureAwait(false)
            ? held with { Value = value, Version = current.Version + 1 }
            : null;
    }

    private static DateTimeOffset HeldUntil(string value)
    {
        var bar = value.LastIndexOf('|');
        return bar > 0 && long.TryParse(value.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks is >= 0 and <= 3155378975999999999
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MinValue;
    }

    /// <summary>A held order lease: the cursor value and version it wrote, or (through <see cref="IOrderLockStore"/>) its token and 0.</summary>
    internal sealed record Held(string Channel, string OrderId, string Value, long Version);
}

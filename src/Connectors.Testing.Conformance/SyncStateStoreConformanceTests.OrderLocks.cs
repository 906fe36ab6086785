using Xunit;

namespace Connectors.Testing;

/// <summary>
/// The optional <see cref="IOrderLockStore"/> capability (per-order locks on the store's clock); skipped for stores
/// without it (the engine then keeps the lock in a cursor on the host's clock).
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    private static readonly TimeSpan OrderLockDuration = TimeSpan.FromMinutes(1);

    private async Task<(ISyncStateStore Store, IOrderLockStore Locks)> CreateOrderLocksAsync()
    {
        var store = await CreateStoreAsync();
        var locks = store as IOrderLockStore;
        Assert.SkipWhen(locks is null, "This store does not implement IOrderLockStore; the engine keeps per-order locks in cursors.");
        return (store, locks!);
    }

    /// <summary>A held lock is refused to another holder until released; then it can be taken.</summary>
    [Fact]
    public async Task TryAcquireOrderLock_HeldByAnother_RefusedUntilReleased()
    {
        var (_, locks) = await CreateOrderLocksAsync();

        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "a", T0, OrderLockDuration, Ct));
        Assert.False(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0, OrderLockDuration, Ct));
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1002", "b", T0, OrderLockDuration, Ct));
        Assert.True(await locks.TryAcquireOrderLockAsync("other", "1001", "b", T0, OrderLockDuration, Ct));
        Assert.True(await locks.ReleaseOrderLockAsync("shop", "1001", "a", Ct));
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0, OrderLockDuration, Ct));
    }

    /// <summary>
    /// A holder that renews its lock before it expires keeps it past the first expiry; a token that is not the holder's
    /// cannot renew it; once the renewed lock expires another takes it and the old holder's renewal is refused.
    /// </summary>
    [Fact]
    public async Task RenewOrderLock_BeforeExpiry_HeldPastTheFirstExpiryOnlyByItsHolder()
    {
        var (store, locks) = await CreateOrderLocksAsync();
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "a", T0, OrderLockDuration, Ct));

        await AdvanceLeaseClockAsync(store, OrderLockDuration / 2);
        Assert.True(await locks.RenewOrderLockAsync("shop", "1001", "a", T0 + (OrderLockDuration / 2), OrderLockDuration, Ct));
        Assert.False(await locks.RenewOrderLockAsync("shop", "1001", "x", T0 + (OrderLockDuration / 2), OrderLockDuration, Ct));
        await AdvanceLeaseClockAsync(store, OrderLockDuration * 0.75);
        Assert.False(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0 + (OrderLockDuration * 1.25), OrderLockDuration, Ct));

        await AdvanceLeaseClockAsync(store, OrderLockDuration);
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0 + (OrderLockDuration * 2.25), OrderLockDuration, Ct));
        Assert.False(await locks.RenewOrderLockAsync("shop", "1001", "a", T0 + (OrderLockDuration * 2.25), OrderLockDuration, Ct));
    }

    /// <summary>A lock whose holder neither renewed nor released it is taken once it has expired on the store's clock.</summary>
    [Fact]
    public async Task TryAcquireOrderLock_ExpiredLock_Taken()
    {
        var (store, locks) = await CreateOrderLocksAsync();
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "a", T0, OrderLockDuration, Ct));

        await AdvanceLeaseClockAsync(store, OrderLockDuration / 2);
        Assert.False(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0 + (OrderLockDuration / 2), OrderLockDuration, Ct));
        await AdvanceLeaseClockAsync(store, OrderLockDuration);
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0 + (OrderLockDuration * 1.5), OrderLockDuration, Ct));
    }

    /// <summary>A holder whose lock expired and was taken cannot release the new holder's lock.</summary>
    [Fact]
    public async Task ReleaseOrderLock_StaleHolder_NewHolderKeepsTheLock()
    {
        var (store, locks) = await CreateOrderLocksAsync();
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "a", T0, OrderLockDuration, Ct));
        await AdvanceLeaseClockAsync(store, OrderLockDuration * 2);
        Assert.True(await locks.TryAcquireOrderLockAsync("shop", "1001", "b", T0 + (OrderLockDuration * 2), OrderLockDuration, Ct));

        Assert.False(await locks.ReleaseOrderLockAsync("shop", "1001", "a", Ct));
        Assert.False(await locks.TryAcquireOrderLockAsync("shop", "1001", "c", T0 + (OrderLockDuration * 2), OrderLockDuration, Ct));
    }

    /// <summary>Of many holders racing for a free lock, exactly one wins.</summary>
    [Fact]
    public async Task TryAcquireOrderLock_ConcurrentHolders_ExactlyOneWins()
    {
        var (_, locks) = await CreateOrderLocksAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(async () => await locks.TryAcquireOrderLockAsync("shop", "1001", $"h{i}", T0, OrderLockDuration, Ct), Ct)));

        Assert.Single(results, r => r);
    }
}

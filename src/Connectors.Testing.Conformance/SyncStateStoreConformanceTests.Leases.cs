using Xunit;

namespace Connectors.Testing;

/// <summary>
/// Owned leases (<see cref="IOwnedWorkItemStore"/>, <see cref="IOwnedInventoryStore"/>): a worker whose lease ran out
/// and was taken over cannot write over the new owner; a renewed lease is not taken; an expired one is.
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    /// <summary>
    /// Moves the clock the store measures leases on forward by <paramref name="by"/>. The suite passes later times to
    /// the store's calls as well; a store that measures leases on the times passed in (the default) needs nothing
    /// more. A store that keeps lease time on a clock of its own (a database's) overrides this to move that clock.
    /// </summary>
    /// <param name="store">The store created by <see cref="CreateStoreAsync"/>.</param>
    /// <param name="by">How far.</param>
    /// <returns>A task that completes when the clock has moved.</returns>
    protected virtual ValueTask AdvanceLeaseClockAsync(ISyncStateStore store, TimeSpan by) => ValueTask.CompletedTask;

    private static IOwnedWorkItemStore OwnedItems(ISyncStateStore store) =>
        Assert.IsAssignableFrom<IOwnedWorkItemStore>(store);

    private static IOwnedInventoryStore OwnedRows(ISyncStateStore store) =>
        Assert.IsAssignableFrom<IOwnedInventoryStore>(store);

    /// <summary>Each claim carries a new owner token.</summary>
    [Fact]
    public async Task Claim_EachClaim_CarriesItsOwnToken()
    {
        var store = await CreateStoreAsync();
        OwnedItems(store);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s2"), Ct);

        var first = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 1, T0, Lease, cancellationToken: Ct));
        var second = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 1, T0, Lease, cancellationToken: Ct));

        Assert.False(string.IsNullOrEmpty(first.LeaseToken));
        Assert.False(string.IsNullOrEmpty(second.LeaseToken));
        Assert.NotEqual(first.LeaseToken, second.LeaseToken);
    }

    /// <summary>
    /// A worker whose lease expired and was taken over cannot complete, reschedule or dead-letter the item; the new
    /// owner's writes go through.
    /// </summary>
    [Fact]
    public async Task CompleteClaimed_StaleOwner_IsRefusedAndNewOwnerCompletes()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedItems(store);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        var stale = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0, Lease, cancellationToken: Ct));
        await AdvanceLeaseClockAsync(store, Lease + TimeSpan.FromSeconds(1));
        var current = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0 + Lease + TimeSpan.FromSeconds(1), Lease, cancellationToken: Ct));

        Assert.Equal(ClaimWriteResult.NotOwner, await owned.CompleteClaimedAsync(WorkQueue.Outbox, stale, T0.AddMinutes(2), Ct));
        Assert.Equal(ClaimWriteResult.NotOwner, await owned.RescheduleClaimedAsync(WorkQueue.Outbox, stale, T0.AddHours(1), "stale", Ct));
        Assert.Null(await owned.DeadLetterClaimedAsync(WorkQueue.Outbox, stale, "fulfillment", "stale", "test", T0.AddMinutes(2), Ct));
        Assert.Equal(ClaimWriteResult.NotOwner, await owned.RenewClaimAsync(WorkQueue.Outbox, stale, T0.AddMinutes(2), Lease, Ct));

        var item = await store.GetWorkItemAsync(WorkQueue.Outbox, "s1", Ct);
        Assert.Equal((WorkItemStatus.Pending, (string?)null), (item!.Status, item.LastError));
        Assert.Null(await store.GetDeadLetterAsync("s1", Ct));

        // The stale writes left the new owner's lease alone: nobody else can claim the item, and the owner completes it.
        Assert.Empty(await store.ClaimAsync(WorkQueue.Outbox, 10, T0.AddMinutes(2), Lease, cancellationToken: Ct));
        Assert.Equal(ClaimWriteResult.Written, await owned.CompleteClaimedAsync(WorkQueue.Outbox, current, T0.AddMinutes(2), Ct));
        Assert.Equal(WorkItemStatus.Completed, (await store.GetWorkItemAsync(WorkQueue.Outbox, "s1", Ct))!.Status);
        Assert.Equal(ClaimWriteResult.NotOwner, await owned.CompleteClaimedAsync(WorkQueue.Outbox, current, T0.AddMinutes(2), Ct));
    }

    /// <summary>A stale owner's reschedule is refused while the new owner's reschedule and dead letter go through.</summary>
    [Fact]
    public async Task RescheduleClaimed_StaleOwner_IsRefused()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedItems(store);
        await store.EnqueueAsync(WorkQueue.Inbox, Item("o1"), Ct);
        var stale = Assert.Single(await store.ClaimAsync(WorkQueue.Inbox, 10, T0, Lease, cancellationToken: Ct));
        await AdvanceLeaseClockAsync(store, Lease * 2);
        var current = Assert.Single(await store.ClaimAsync(WorkQueue.Inbox, 10, T0 + (Lease * 2), Lease, cancellationToken: Ct));

        Assert.Equal(ClaimWriteResult.NotOwner, await owned.RescheduleClaimedAsync(WorkQueue.Inbox, stale, T0.AddDays(1), "stale", Ct));
        Assert.Equal(ClaimWriteResult.Written, await owned.RescheduleClaimedAsync(WorkQueue.Inbox, current, T0.AddMinutes(3), "503", Ct));

        var item = await store.GetWorkItemAsync(WorkQueue.Inbox, "o1", Ct);
        Assert.Equal((T0.AddMinutes(3), "503"), (item!.NextAttemptAt, item.LastError));
        var third = Assert.Single(await store.ClaimAsync(WorkQueue.Inbox, 10, T0.AddMinutes(3), Lease, cancellationToken: Ct));
        Assert.Equal(3, third.Attempts);
        Assert.NotNull(await owned.DeadLetterClaimedAsync(WorkQueue.Inbox, third, "orders", "gave up", "503", T0.AddMinutes(3), Ct));
        Assert.Equal(WorkItemStatus.DeadLettered, (await store.GetWorkItemAsync(WorkQueue.Inbox, "o1", Ct))!.Status);
    }

    /// <summary>A lease renewed before it ran out holds past the original expiry: nobody else claims the item.</summary>
    [Fact]
    public async Task RenewClaim_BeforeExpiry_IsNotTaken()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedItems(store);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        var mine = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0, Lease, cancellationToken: Ct));

        await AdvanceLeaseClockAsync(store, TimeSpan.FromSeconds(40));
        Assert.Equal(ClaimWriteResult.Written, await owned.RenewClaimAsync(WorkQueue.Outbox, mine, T0.AddSeconds(40), Lease, Ct));
        await AdvanceLeaseClockAsync(store, TimeSpan.FromSeconds(40));

        // 80 s after the claim, past the first lease (60 s) but inside the renewed one (40 + 60 s).
        Assert.Empty(await store.ClaimAsync(WorkQueue.Outbox, 10, T0.AddSeconds(80), Lease, cancellationToken: Ct));
        Assert.Equal(ClaimWriteResult.Written, await owned.CompleteClaimedAsync(WorkQueue.Outbox, mine, T0.AddSeconds(80), Ct));
    }

    /// <summary>A lease that was not renewed is taken once it runs out, and the taker's token replaces the old one.</summary>
    [Fact]
    public async Task RenewClaim_AfterTakeover_IsRefusedAndExpiredLeaseWasTaken()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedItems(store);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        var mine = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0, Lease, cancellationToken: Ct));

        await AdvanceLeaseClockAsync(store, Lease + TimeSpan.FromSeconds(20));
        var taken = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0 + Lease + TimeSpan.FromSeconds(20), Lease, cancellationToken: Ct));

        Assert.NotEqual(mine.LeaseToken, taken.LeaseToken);
        Assert.Equal(2, taken.Attempts);
        Assert.Equal(ClaimWriteResult.NotOwner, await owned.RenewClaimAsync(WorkQueue.Outbox, mine, T0 + Lease + TimeSpan.FromSeconds(20), Lease, Ct));
        Assert.Equal(ClaimWriteResult.Written, await owned.RenewClaimAsync(WorkQueue.Outbox, taken, T0 + Lease + TimeSpan.FromSeconds(20), Lease, Ct));
    }

    /// <summary>An expired lease nobody took is still its owner's: its writes go through.</summary>
    [Fact]
    public async Task CompleteClaimed_ExpiredButNotTaken_IsWritten()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedItems(store);
        await store.EnqueueAsync(WorkQueue.Outbox, Item("s1"), Ct);
        var mine = Assert.Single(await store.ClaimAsync(WorkQueue.Outbox, 10, T0, Lease, cancellationToken: Ct));
        await AdvanceLeaseClockAsync(store, Lease * 3);

        Assert.Equal(ClaimWriteResult.Written, await owned.CompleteClaimedAsync(WorkQueue.Outbox, mine, T0 + (Lease * 3), Ct));
        Assert.Equal(WorkItemStatus.Completed, (await store.GetWorkItemAsync(WorkQueue.Outbox, "s1", Ct))!.Status);
    }

    /// <summary>
    /// Inventory: the owner's acknowledgement is stored; a stale owner's is refused, and because its push may have
    /// reached the channel after the owner's, the row is unconfirmed (pending, due now, the owner's lease revoked, so the
    /// owner's acknowledgement is refused too) and pushed once more.
    /// </summary>
    [Fact]
    public async Task AcknowledgeClaimedInventory_StaleOwner_IsRefusedAndRowIsPushedAgain()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedRows(store);
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }, new DesiredInventory
        {
            Key = Key("i2"),
            Quantity = 7,
        }], T0, Ct);
        var stale = await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        Assert.All(stale, r => Assert.False(string.IsNullOrEmpty(r.LeaseToken)));
        await AdvanceLeaseClockAsync(store, Lease * 2);
        var current = await store.ClaimPendingInventoryAsync("a", 10, T0 + (Lease * 2), Lease, Ct);
        Assert.Equal(2, current.Count);
        Assert.All(current, r => Assert.DoesNotContain(stale, s => s.LeaseToken == r.LeaseToken));
        var staleI1 = stale.Single(r => r.Key == Key("i1"));
        var currentI1 = current.Single(r => r.Key == Key("i1"));
        var currentI2 = current.Single(r => r.Key == Key("i2"));

        // The owner of i2 acknowledges: stored.
        Assert.Empty(await owned.AcknowledgeClaimedInventoryAsync([new InventoryAcknowledgement(Key("i2"), 7) { LeaseToken = currentI2.LeaseToken }], T0.AddMinutes(3), Ct));
        Assert.Equal((7, false), ((await store.GetInventoryAsync(Key("i2"), Ct))!.Acknowledged, (await store.GetInventoryAsync(Key("i2"), Ct))!.IsPending));

        // The stale owner of i1 acknowledges: refused, the row unconfirmed and due at once, the owner's lease revoked.
        var refused = await owned.AcknowledgeClaimedInventoryAsync([new InventoryAcknowledgement(Key("i1"), 5) { LeaseToken = staleI1.LeaseToken }], T0.AddMinutes(3), Ct);
        Assert.Equal(Key("i1"), Assert.Single(refused));
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(((int?)null, true, T0.AddMinutes(3)), (row!.Acknowledged, row.IsPending, row.NextAttemptAt));
        Assert.Single(await owned.AcknowledgeClaimedInventoryAsync([new InventoryAcknowledgement(Key("i1"), 5) { LeaseToken = currentI1.LeaseToken }], T0.AddMinutes(3), Ct));
        var again = Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(3), Lease, Ct));
        Assert.Equal(Key("i1"), again.Key);
        Assert.Empty(await owned.AcknowledgeClaimedInventoryAsync([new InventoryAcknowledgement(Key("i1"), 5) { LeaseToken = again.LeaseToken }], T0.AddMinutes(3), Ct));
        Assert.False((await store.GetInventoryAsync(Key("i1"), Ct))!.IsPending);
    }

    /// <summary>Inventory: a stale owner's reschedule (or park) is refused and leaves the new owner's lease alone.</summary>
    [Fact]
    public async Task RescheduleClaimedInventory_StaleOwner_IsRefused()
    {
        var store = await CreateStoreAsync();
        var owned = OwnedRows(store);
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        var stale = await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        await AdvanceLeaseClockAsync(store, Lease * 2);
        var current = await store.ClaimPendingInventoryAsync("a", 10, T0 + (Lease * 2), Lease, Ct);

        Assert.Equal(Key("i1"), Assert.Single(await owned.RescheduleClaimedInventoryAsync(stale, DateTimeOffset.MaxValue, "stale", Ct)));
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((0, (string?)null), (row!.Attempts, row.LastError));
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0 + (Lease * 2), Lease, Ct));

        Assert.Empty(await owned.RescheduleClaimedInventoryAsync(current, T0.AddMinutes(5), "503", Ct));
        row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((1, "503", T0.AddMinutes(5)), (row!.Attempts, row.LastError, row.NextAttemptAt));
    }
}

using Xunit;

namespace Connectors.Testing;

/// <summary>
/// The optional <see cref="IQuotaStore"/> capability (skipped for stores that do not implement it): call and revision
/// counts per daily window, deferral of claimed rows.
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<IQuotaStore> CreateQuotaStoreAsync()
    {
        var store = await CreateStoreAsync() as IQuotaStore;
        Assert.SkipWhen(store is null, "This store does not implement IQuotaStore; channels that declare a daily quota cannot be dispatched over it.");
        return store!;
    }

    private static QuotaSpend Calls(int amount, int limit, DateTimeOffset? window = null, string channel = "a") =>
        new() { Channel = channel, WindowStart = window ?? Day1, Limit = limit, Amount = amount };

    /// <summary>Calls are granted up to the limit, partly when less is left, then none; each window and channel counts alone.</summary>
    [Fact]
    public async Task Quota_SpendCalls_GrantsUpToLimitPerWindowAndChannel()
    {
        var store = await CreateQuotaStoreAsync();

        var first = await store.SpendCallsAsync(Calls(6, 10), Ct);
        var second = await store.SpendCallsAsync(Calls(6, 10), Ct);
        var third = await store.SpendCallsAsync(Calls(1, 10), Ct);
        var nextDay = await store.SpendCallsAsync(Calls(3, 10, Day1.AddDays(1)), Ct);
        var otherChannel = await store.SpendCallsAsync(Calls(2, 10, channel: "b"), Ct);

        Assert.Equal((6, 4, 0, 3, 2), (first, second, third, nextDay, otherChannel));
        Assert.Equal(10, await store.GetCallsSpentAsync("a", Day1, Ct));
        Assert.Equal(3, await store.GetCallsSpentAsync("a", Day1.AddDays(1), Ct));
        Assert.Equal(0, await store.GetCallsSpentAsync("a", Day1.AddDays(2), Ct));
        Assert.Equal(2, await store.GetCallsSpentAsync("b", Day1, Ct));
    }

    /// <summary>
    /// A listing gets all the revisions it asks for while its count stays within the limit, else none; the call count is
    /// apart from the listings' counts.
    /// </summary>
    [Fact]
    public async Task Quota_SpendRevisions_AllOrNothingPerListingWithinLimit()
    {
        var store = await CreateQuotaStoreAsync();
        await store.SpendCallsAsync(Calls(5, 10), Ct);

        var refusedFirst = await store.SpendRevisionsAsync(new RevisionSpend { Channel = "a", WindowStart = Day1, Limit = 2, Listings = ["x", "y", "y"] }, Ct);
        var refusedSecond = await store.SpendRevisionsAsync(new RevisionSpend { Channel = "a", WindowStart = Day1, Limit = 2, Listings = ["x", "y", "z", "z", "z"] }, Ct);

        Assert.Empty(refusedFirst);
        Assert.Equal(["y", "z"], refusedSecond.Order(StringComparer.Ordinal));
        Assert.Equal(2, await store.GetRevisionsSpentAsync("a", "x", Day1, Ct));
        Assert.Equal(2, await store.GetRevisionsSpentAsync("a", "y", Day1, Ct));
        Assert.Equal(0, await store.GetRevisionsSpentAsync("a", "z", Day1, Ct));
        Assert.Equal(5, await store.GetCallsSpentAsync("a", Day1, Ct));
        Assert.Equal(0, await store.GetRevisionsSpentAsync("a", "x", Day1.AddDays(1), Ct));
    }

    /// <summary>Bad requests are typed errors naming the field, and change nothing.</summary>
    [Fact]
    public async Task Quota_BadRequests_TypedErrors()
    {
        var store = await CreateQuotaStoreAsync();

        var amount = await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.SpendCallsAsync(Calls(0, 10), Ct));
        var limit = await Assert.ThrowsAsync<ConnectorValidationException>(async () => await store.SpendCallsAsync(Calls(1, -1), Ct));
        var listing = await Assert.ThrowsAsync<ConnectorValidationException>(async () =>
            await store.SpendRevisionsAsync(new RevisionSpend { Channel = "a", WindowStart = Day1, Limit = 2, Listings = ["x", ""] }, Ct));

        Assert.Equal(("Amount", "Limit", "Listings[1]"), (amount.FieldPath, limit.FieldPath, listing.FieldPath));
        Assert.Equal(0, await store.GetCallsSpentAsync("a", Day1, Ct));
        Assert.Equal(0, await store.GetRevisionsSpentAsync("a", "x", Day1, Ct));
    }

    /// <summary>Pruning deletes the counts of windows before the given start and keeps the rest.</summary>
    [Fact]
    public async Task Quota_Prune_DeletesOlderWindows()
    {
        var store = await CreateQuotaStoreAsync();
        await store.SpendCallsAsync(Calls(1, 10), Ct);
        await store.SpendRevisionsAsync(new RevisionSpend { Channel = "a", WindowStart = Day1, Limit = 2, Listings = ["x"] }, Ct);
        await store.SpendCallsAsync(Calls(2, 10, Day1.AddDays(1)), Ct);

        var pruned = await store.PruneQuotaAsync(Day1.AddDays(1), Ct);

        Assert.Equal(2, pruned);
        Assert.Equal(0, await store.GetCallsSpentAsync("a", Day1, Ct));
        Assert.Equal(2, await store.GetCallsSpentAsync("a", Day1.AddDays(1), Ct));
    }

    /// <summary>
    /// Deferring a claimed row releases it until the given time without counting an attempt, keeps its desired quantity
    /// and records why; a change of desired makes it due at once (coalesced: only the latest level is kept).
    /// </summary>
    [Fact]
    public async Task Quota_DeferClaimed_DueLaterNoAttemptLatestDesiredDueAtOnce()
    {
        var store = await CreateQuotaStoreAsync();
        var state = (ISyncStateStore)store;
        await state.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }, new DesiredInventory
        {
            Key = Key("i2"),
            Quantity = 7,
        }], T0, Ct);
        var claimed = await state.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);

        var refused = await store.DeferClaimedInventoryAsync(claimed, T0.AddHours(3), "quota: the daily call budget is spent", Ct);

        Assert.Empty(refused);
        var row = await state.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((5, 0, T0.AddHours(3), "quota: the daily call budget is spent"), (row!.Desired, row.Attempts, row.NextAttemptAt, row.LastError));
        Assert.Empty(await state.ClaimPendingInventoryAsync("a", 10, T0.AddHours(3).AddTicks(-TimeSpan.TicksPerMillisecond), Lease, Ct));

        await state.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 4 }, new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 3,
        }], T0.AddMinutes(5), Ct);
        var due = Assert.Single(await state.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(5), Lease, Ct));
        Assert.Equal(("i1", 3), (due.Key.ChannelItemId, due.Desired));
        await state.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("i1"), 3)], Ct);
        Assert.Equal("i2", Assert.Single(await state.ClaimPendingInventoryAsync("a", 10, T0.AddHours(4), Lease, Ct)).Key.ChannelItemId);
    }

    /// <summary>Only rows the caller still owns are deferred; a row another worker claimed since is left to it.</summary>
    [Fact]
    public async Task Quota_DeferClaimed_NotOwner_Refused()
    {
        var store = await CreateQuotaStoreAsync();
        var state = (ISyncStateStore)store;
        await state.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        var stale = await state.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        await AdvanceLeaseClockAsync(state, Lease);
        var current = await state.ClaimPendingInventoryAsync("a", 10, T0 + Lease, Lease, Ct);
        Assert.Single(current);

        var refused = await store.DeferClaimedInventoryAsync(stale, T0.AddHours(3), "quota", Ct);

        Assert.Equal([Key("i1")], refused);
        var row = await state.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal(T0, row!.NextAttemptAt);
        Assert.Empty(await store.DeferClaimedInventoryAsync(current, T0.AddHours(3), "quota", Ct));
    }

    /// <summary>Counts survive reopening a durable store.</summary>
    [Fact]
    public async Task Quota_Reopen_CountsKept()
    {
        var store = await CreateQuotaStoreAsync();
        await store.SpendCallsAsync(Calls(4, 10), Ct);
        await store.SpendRevisionsAsync(new RevisionSpend { Channel = "a", WindowStart = Day1, Limit = 5, Listings = ["x", "x"] }, Ct);

        var reopened = await ReopenAsync((ISyncStateStore)store) as IQuotaStore;
        Assert.SkipWhen(reopened is null, "This store is not durable.");

        Assert.Equal(4, await reopened!.GetCallsSpentAsync("a", Day1, Ct));
        Assert.Equal(2, await reopened.GetRevisionsSpentAsync("a", "x", Day1, Ct));
        Assert.Equal(6, await reopened.SpendCallsAsync(Calls(9, 10), Ct));
    }
}

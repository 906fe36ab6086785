using Xunit;

namespace Connectors.Testing;

public abstract partial class SyncStateStoreConformanceTests
{
    /// <summary>
    /// A row parked after its last attempt is made due again by <see cref="IInventoryStateStore.ResumeInventoryAsync"/>:
    /// attempts reset, error cleared, due at the given time, version and quantities unchanged. A same-quantity
    /// <see cref="IInventoryStateStore.SetDesiredInventoryAsync"/> (what a full sync writes when the stock did not move) does not.
    /// </summary>
    [Fact]
    public async Task ResumeInventory_ParkedRow_IsDueAgainWithAttemptsReset()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 5,
            Sku = "SKU1",
        }], T0, Ct);
        await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        await store.RescheduleInventoryAsync([Key("i1")], T0.AddSeconds(1), "503", Ct);
        await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(1), Lease, Ct);
        await store.RescheduleInventoryAsync([Key("i1")], DateTimeOffset.MaxValue, "gave up after 2 attempts: 503", Ct);
        await store.SetDesiredInventoryAsync([new DesiredInventory
        {
            Key = Key("i1"),
            Quantity = 5,
            Sku = "SKU1",
        }], T0.AddMinutes(1), Ct);
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(1), Lease, Ct));

        var resumed = await store.ResumeInventoryAsync([Key("i1"), Key("i1")], T0.AddMinutes(2), Ct);

        Assert.Equal(1, resumed);
        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((5, (int?)null, 1L, 0, T0.AddMinutes(2), (string?)null), (row!.Desired, row.Acknowledged, row.Version, row.Attempts, row.NextAttemptAt, row.LastError));
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(2).AddTicks(-TimeSpan.TicksPerMillisecond), Lease, Ct));
        var claimed = Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0.AddMinutes(2), Lease, Ct));
        Assert.Equal((5, 0), (claimed.Desired, claimed.Attempts));
    }

    /// <summary>Rows that are not pending and keys without a row are left alone; a leased row keeps its lease.</summary>
    [Fact]
    public async Task ResumeInventory_SettledMissingOrLeasedRows_OnlyPendingRowsCountAndLeaseHolds()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("settled"), Quantity = 3 }, new DesiredInventory
        {
            Key = Key("leased"),
            Quantity = 4,
        }], T0, Ct);
        Assert.Equal(2, (await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct)).Count);
        await store.AcknowledgeInventoryAsync([new InventoryAcknowledgement(Key("settled"), 3)], Ct);

        var resumed = await store.ResumeInventoryAsync([Key("settled"), Key("leased"), Key("missing")], T0.AddSeconds(10), Ct);

        Assert.Equal(1, resumed);
        var settled = await store.GetInventoryAsync(Key("settled"), Ct);
        Assert.Equal((false, T0), (settled!.IsPending, settled.NextAttemptAt));
        Assert.Null(await store.GetInventoryAsync(Key("missing"), Ct));
        Assert.Empty(await store.ClaimPendingInventoryAsync("a", 10, T0.AddSeconds(10), Lease, Ct));
        await AdvanceLeaseClockAsync(store, Lease);
        Assert.Equal("leased", Assert.Single(await store.ClaimPendingInventoryAsync("a", 10, T0 + Lease, Lease, Ct)).Key.ChannelItemId);
    }

    /// <summary>Resuming after a desired change that is still pending keeps the newer quantity (durable stores fold their journal first).</summary>
    [Fact]
    public async Task ResumeInventory_AfterUnpushedChange_KeepsNewestDesired()
    {
        var store = await CreateStoreAsync();
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 5 }], T0, Ct);
        await store.ClaimPendingInventoryAsync("a", 10, T0, Lease, Ct);
        await store.RescheduleInventoryAsync([Key("i1")], DateTimeOffset.MaxValue, "rejected", Ct);
        await store.SetDesiredInventoryAsync([new DesiredInventory { Key = Key("i1"), Quantity = 9 }], T0.AddSeconds(5), Ct);

        Assert.Equal(1, await store.ResumeInventoryAsync([Key("i1")], T0.AddSeconds(6), Ct));

        var row = await store.GetInventoryAsync(Key("i1"), Ct);
        Assert.Equal((9, 2L, 0, T0.AddSeconds(6)), (row!.Desired, row.Version, row.Attempts, row.NextAttemptAt));
    }
}

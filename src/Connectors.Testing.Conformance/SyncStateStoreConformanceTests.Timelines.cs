using Xunit;

namespace Connectors.Testing;

/// <summary>
/// The behaviour of the optional <see cref="IOrderTimelineStore"/> capability (seller performance); skipped for stores
/// that do not implement it.
/// </summary>
public abstract partial class SyncStateStoreConformanceTests
{
    private async Task<(ISyncStateStore Store, IOrderTimelineStore Timelines)> CreateTimelinesAsync()
    {
        var store = await CreateStoreAsync();
        var timelines = store as IOrderTimelineStore;
        Assert.SkipWhen(timelines is null, "This store does not implement IOrderTimelineStore; the engine keeps timelines in memory.");
        return (store, timelines!);
    }

    private static async Task<OrderTimeline?> ReadTimelineAsync(IOrderTimelineStore timelines, string channel, string orderId) =>
        (await timelines.ListOrderTimelinesAsync(channel, DateTimeOffset.MinValue, Ct).ToListAsync(Ct)).SingleOrDefault(t => t.OrderId == orderId);

    /// <summary>First value wins for placement, acceptance, refusal and cancellation; ship-by takes the latest; the first confirmation keeps the earliest; null changes nothing.</summary>
    [Fact]
    public async Task RecordOrderTimeline_Updates_MergeFieldByField()
    {
        var (_, timelines) = await CreateTimelinesAsync();
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "1", PlacedAt = T0, ShipBy = T0.AddDays(2) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "1", PlacedAt = T0.AddHours(1), AcceptedAt = T0.AddMinutes(3), FirstConfirmedAt = T0.AddHours(30) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "1", ShipBy = T0.AddDays(3), AcceptedAt = T0.AddMinutes(9), RefusedAt = T0.AddMinutes(1), FirstConfirmedAt = T0.AddHours(20) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "1", CancelledAt = T0.AddHours(40), FirstConfirmedAt = T0.AddHours(25) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "1", CancelledAt = T0.AddHours(50) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "b", OrderId = "1", PlacedAt = T0.AddDays(1) }, Ct);

        var row = await ReadTimelineAsync(timelines, "a", "1");

        Assert.NotNull(row);
        Assert.Equal(
            ((DateTimeOffset?)T0, (DateTimeOffset?)T0.AddDays(3), (DateTimeOffset?)T0.AddMinutes(3), (DateTimeOffset?)T0.AddMinutes(1), (DateTimeOffset?)T0.AddHours(40), (DateTimeOffset?)T0.AddHours(20)),
            (row.PlacedAt, row.ShipBy, row.AcceptedAt, row.RefusedAt, row.CancelledAt, row.FirstConfirmedAt));
        Assert.Equal(T0.AddDays(1), (await ReadTimelineAsync(timelines, "b", "1"))!.PlacedAt);
    }

    /// <summary>The listing returns orders placed or due since the given time, by order id, for one channel only.</summary>
    [Fact]
    public async Task ListOrderTimelines_SinceTime_PlacedOrDueFromThenOn()
    {
        var (_, timelines) = await CreateTimelinesAsync();
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "placed-before-due-after", PlacedAt = T0.AddDays(-5), ShipBy = T0.AddDays(1) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "placed-at", PlacedAt = T0 }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "both-before", PlacedAt = T0.AddDays(-5), ShipBy = T0.AddTicks(-1) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "only-confirmed", FirstConfirmedAt = T0.AddDays(1) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "b", OrderId = "other-channel", PlacedAt = T0.AddDays(1) }, Ct);

        var listed = await timelines.ListOrderTimelinesAsync("a", T0, Ct).ToListAsync(Ct);

        Assert.Equal(["placed-at", "placed-before-due-after"], listed.Select(t => t.OrderId));
        Assert.Equal("a", listed[0].Channel);
    }

    /// <summary>A shipment is stored once (the first record wins) and listed by confirmation time.</summary>
    [Fact]
    public async Task RecordShipmentTimeline_SameShipmentTwice_FirstKept()
    {
        var (_, timelines) = await CreateTimelinesAsync();
        var first = new ShipmentTimeline { Channel = "a", OrderId = "1", ShipmentId = "S1", ShippedAt = T0, ConfirmedAt = T0.AddMinutes(5), Carrier = "UPS", ValidTracking = true };

        Assert.True(await timelines.RecordShipmentTimelineAsync(first, Ct));
        Assert.False(await timelines.RecordShipmentTimelineAsync(new ShipmentTimeline { Channel = "a", OrderId = "1", ShipmentId = "S1", ShippedAt = T0, ConfirmedAt = T0.AddMinutes(9) }, Ct));
        Assert.True(await timelines.RecordShipmentTimelineAsync(new ShipmentTimeline { Channel = "a", OrderId = "2", ShipmentId = "S0", ShippedAt = T0, ConfirmedAt = T0.AddMinutes(-1) }, Ct));
        Assert.True(await timelines.RecordShipmentTimelineAsync(new ShipmentTimeline { Channel = "b", OrderId = "1", ShipmentId = "S1", ShippedAt = T0, ConfirmedAt = T0.AddMinutes(6) }, Ct));

        var listed = await timelines.ListShipmentTimelinesAsync("a", T0, Ct).ToListAsync(Ct);

        var row = Assert.Single(listed);
        Assert.Equal(("S1", "1", T0, T0.AddMinutes(5), "UPS", true), (row.ShipmentId, row.OrderId, row.ShippedAt, row.ConfirmedAt, row.Carrier, row.ValidTracking));
        Assert.Equal(["S0", "S1"], (await timelines.ListShipmentTimelinesAsync("a", DateTimeOffset.MinValue, Ct).ToListAsync(Ct)).Select(s => s.ShipmentId));
    }

    /// <summary>Pruning deletes orders placed and due before the cut-off and shipments confirmed before it, and survives a reopen.</summary>
    [Fact]
    public async Task PruneTimelines_OlderThan_RemovesOnlyOldEntries()
    {
        var (store, timelines) = await CreateTimelinesAsync();
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "old", PlacedAt = T0.AddDays(-100), ShipBy = T0.AddDays(-99) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "old-but-due-later", PlacedAt = T0.AddDays(-100), ShipBy = T0.AddDays(1) }, Ct);
        await timelines.RecordOrderTimelineAsync(new OrderTimeline { Channel = "a", OrderId = "new", PlacedAt = T0 }, Ct);
        await timelines.RecordShipmentTimelineAsync(new ShipmentTimeline { Channel = "a", OrderId = "old", ShipmentId = "S-old", ShippedAt = T0.AddDays(-99), ConfirmedAt = T0.AddDays(-99) }, Ct);
        await timelines.RecordShipmentTimelineAsync(new ShipmentTimeline { Channel = "a", OrderId = "new", ShipmentId = "S-new", ShippedAt = T0, ConfirmedAt = T0 }, Ct);

        var removed = await timelines.PruneTimelinesAsync(T0.AddDays(-30), Ct);

        Assert.Equal(2, removed);
        var reopened = await ReopenAsync(store) as IOrderTimelineStore ?? timelines;
        Assert.Equal(["new", "old-but-due-later"], (await reopened.ListOrderTimelinesAsync("a", DateTimeOffset.MinValue, Ct).ToListAsync(Ct)).Select(t => t.OrderId));
        Assert.Equal(["S-new"], (await reopened.ListShipmentTimelinesAsync("a", DateTimeOffset.MinValue, Ct).ToListAsync(Ct)).Select(s => s.ShipmentId));
    }
}

using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task DryRunAsync_WithSnapshot_ReportsPerChannelAndPushesNothing()
    {
        using var harness = InventoryHarness.Create(o => o.Inventory.Channels["store-b"] = new Connectors.Inventory.ChannelInventoryOptions { SharePercent = 50m });
        harness.Warehouse.SetStock(new StockLevel("A", "wh1", 4), new StockLevel("B", "wh1", 6));

        var report = await harness.Sync.DryRunAsync(InventoryHarness.Token);
        await harness.DispatchAllAsync();

        Assert.True(report.IsDryRun);
        Assert.Equal(["store-a", "store-b"], report.Channels.Select(c => c.Channel));
        Assert.Equal([("A", 4), ("B", 6)], report.Channels[0].Changes.Select(c => (c.Key.ChannelItemId, c.Quantity)).OrderBy(c => c.ChannelItemId));
        Assert.Equal([("A", 2), ("B", 3)], report.Channels[1].Changes.Select(c => (c.Key.ChannelItemId, c.Quantity)).OrderBy(c => c.ChannelItemId));
        Assert.Empty(harness.A.Pushes);
        Assert.Empty(harness.B.Pushes);
        Assert.Empty(await ToListAsync(harness.Store.ListInventoryAsync("store-a", cancellationToken: InventoryHarness.Token)));
    }

    [Fact]
    public async Task FullSyncAsync_SecondRunAfterOneChange_PushesOnlyTheDifference()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        harness.Warehouse.SetStock(new StockLevel("A", "wh1", 5), new StockLevel("B", "wh1", 7), new StockLevel("C", "wh1", 0));
        var first = await harness.Sync.FullSyncAsync(InventoryHarness.Token);
        await harness.DispatchAsync(harness.A);

        harness.Warehouse.SetStock(new StockLevel("B", "wh1", 8));
        var second = await harness.Sync.FullSyncAsync(InventoryHarness.Token);
        await harness.DispatchAsync(harness.A);

        Assert.False(first.IsDryRun);
        Assert.Equal(3, first.Channels[0].Changes.Count);
        Assert.Equal(3, second.Channels[0].RowsComputed);
        var change = Assert.Single(second.Channels[0].Changes);
        Assert.Equal(("B", 7, 8), (change.Key.ChannelItemId, change.Acknowledged, change.Quantity));
        Assert.Equal(2, harness.A.Pushes.Count);
        Assert.Equal(("B", 8), (harness.A.Pushes[1].Single().ChannelItemId, harness.A.Pushes[1].Single().Quantity));
    }

    [Fact]
    public async Task FullSyncAsync_ChannelDrifted_DryRunShowsRepairAgainstAcknowledged()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        harness.Warehouse.SetStock(new StockLevel("A", "wh1", 5));
        await harness.Sync.FullSyncAsync(InventoryHarness.Token);
        await harness.DispatchAsync(harness.A);

        var report = await harness.Sync.DryRunAsync(InventoryHarness.Token);

        Assert.Empty(report.Channels[0].Changes);
    }

    [Fact]
    public async Task FullSyncAsync_SkuGoneFromSnapshot_RowRecomputedToZero()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        await harness.RecordAsync(new StockLevel("OLD", "wh1", 5));
        await harness.DispatchAsync(harness.A);
        harness.Warehouse.SetStock(new StockLevel("A", "wh1", 1));

        var report = await harness.Sync.FullSyncAsync(InventoryHarness.Token);
        await harness.DispatchAsync(harness.A);

        Assert.Contains(report.Channels[0].Changes, c => c.Key.ChannelItemId == "OLD" && c.Quantity == 0);
        Assert.Equal(0, harness.A.GetLevel("OLD"));
        Assert.Equal(1, harness.A.GetLevel("A"));
    }

    [Fact]
    public async Task FullSyncAsync_MappingCatalogue_ItemsWithoutStockPushZero()
    {
        var resolver = new FakeItemResolver().Add("store-a", "KIT", ("A", 1m), ("B", 1m));
        using var harness = InventoryHarness.Create(resolver: resolver, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        harness.Warehouse.SetStock(new StockLevel("A", "wh1", 5));

        var report = await harness.Sync.FullSyncAsync(InventoryHarness.Token);

        var change = Assert.Single(report.Channels[0].Changes);
        Assert.Equal(("KIT", 0), (change.Key.ChannelItemId, change.Quantity));
    }
}

using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task RecordStockLevels_Bundle_MinimumOverComponentsRecomputedWhenAnyChanges()
    {
        var resolver = new FakeItemResolver().Add("store-a", "KIT", ("A", 2m), ("B", 1m));
        using var harness = InventoryHarness.Create(resolver: resolver, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        await harness.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 3));
        var first = await harness.DesiredAsync(harness.A, "KIT");
        await harness.RecordAsync(new StockLevel("B", "wh1", 10));
        var afterB = await harness.DesiredAsync(harness.A, "KIT");
        await harness.RecordAsync(new StockLevel("A", "wh1", 5));
        var afterA = await harness.DesiredAsync(harness.A, "KIT");

        Assert.Equal(3, first);
        Assert.Equal(5, afterB);
        Assert.Equal(2, afterA);
    }

    [Fact]
    public async Task RecordStockLevels_BundleComponentUnknownSinceStart_AsksWarehouse()
    {
        var resolver = new FakeItemResolver().Add("store-a", "KIT", ("A", 1m), ("B", 1m));
        var warehouse = new FakeWarehouse();
        warehouse.SetStock(new StockLevel("B", "wh1", 2));
        using var harness = InventoryHarness.Create(resolver: resolver, warehouse: warehouse, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        await harness.RecordAsync(new StockLevel("A", "wh1", 10));

        Assert.Equal(2, await harness.DesiredAsync(harness.A, "KIT"));
    }

    [Fact]
    public async Task RecordStockLevels_CasePack_FloorsToWholePacks()
    {
        var resolver = new FakeItemResolver()
            .Add("store-a", "A-6", ("A", 6m))
            .Add("store-a", "A", ("A", 1m));
        using var harness = InventoryHarness.Create(resolver: resolver, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        await harness.RecordAsync(new StockLevel("A", "wh1", 20));
        await harness.DispatchAsync(harness.A);

        Assert.Equal(3, harness.A.GetLevel("A-6"));
        Assert.Equal(20, harness.A.GetLevel("A"));
    }
}

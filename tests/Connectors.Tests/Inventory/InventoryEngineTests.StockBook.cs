using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task CloseAsync_TwoEnginesOneStore_ClosedWindowNotSubtractedByTheOther()
    {
        var store = new InMemorySyncStateStore();
        var time = new FakeTimeProvider(ModelFactory.Epoch);
        var channel = new FakeChannel("store-a", new ChannelCapabilities(250));
        using var first = InventoryHarness.Create(store: store, time: time, channels: channel);
        using var second = InventoryHarness.Create(store: store, time: time, channels: channel);
        await first.RecordAsync(new StockLevel("A", "wh1", 10));
        await first.Window.OpenAsync(Reservation("store-a", "1", ("A", 3m)), InventoryHarness.Token);
        await second.RecordAsync(new StockLevel("A", "wh1", 12));
        var whileOpen = await second.DesiredAsync(channel, "A");

        await first.Window.CloseAsync("store-a", "1", InventoryHarness.Token);
        var afterClose = await first.DesiredAsync(channel, "A");
        await second.RecordAsync(new StockLevel("A", "wh1", 11));

        Assert.Equal(9, whileOpen);
        Assert.Equal(12, afterClose); // the first engine computes from the store's book, not the 10 it saw itself
        Assert.Equal(11, await second.DesiredAsync(channel, "A"));
    }

    [Fact]
    public async Task RecordStockLevels_RestartedEngine_KnowsStockFromStoreWithoutAskingWms()
    {
        var store = new InMemorySyncStateStore();
        var resolver = new FakeItemResolver().Add("store-a", "KIT", ("A", 1m), ("B", 1m));
        var channel = new FakeChannel("store-a", new ChannelCapabilities(250));
        using (var first = InventoryHarness.Create(resolver: resolver, store: store, channels: channel))
        {
            await first.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 3));
        }

        using var second = InventoryHarness.Create(resolver: resolver, store: store, channels: channel); // its WMS knows nothing
        await second.RecordAsync(new StockLevel("A", "wh1", 8));

        Assert.Equal(3, await second.DesiredAsync(channel, "KIT"));
    }

    [Fact]
    public async Task OpenAsync_StoreWithoutStockBook_EngineKeepsWindowsItself()
    {
        var store = new InMemorySyncStateStore();
        using (var first = InventoryHarness.Create(store: store, bookInStore: false))
        {
            await first.RecordAsync(new StockLevel("A", "wh1", 10));
            await first.Window.OpenAsync(Reservation("store-a", "1", ("A", 4m)), InventoryHarness.Token);
            await first.Window.OpenAsync(Reservation("store-a", "2", ("A", 1m)), InventoryHarness.Token);
            await first.Window.CloseAsync("store-a", "2", InventoryHarness.Token);
            Assert.Equal(6, await first.DesiredAsync(first.B, "A"));
        }

        using var second = InventoryHarness.Create(store: store, bookInStore: false);
        await second.RecordAsync(new StockLevel("A", "wh1", 8));

        Assert.Equal(4, await second.DesiredAsync(second.B, "A"));
    }

    [Fact]
    public async Task FullSyncAsync_StoreWithoutStockBook_SnapshotReplacesBookAndKeepsWindows()
    {
        using var harness = InventoryHarness.Create(bookInStore: false, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        await harness.RecordAsync(new StockLevel("OLD", "wh1", 5), new StockLevel("A", "wh1", 1));
        await harness.Window.OpenAsync(Reservation("store-a", "1", ("A", 2m)), InventoryHarness.Token);
        harness.Warehouse.SetStock(new StockLevel("A", "wh1", 10));

        await harness.Sync.FullSyncAsync(InventoryHarness.Token);

        Assert.Equal(8, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(0, await harness.DesiredAsync(harness.A, "OLD"));
    }

    [Fact]
    public async Task RecordStockLevels_StoreWithoutStockBook_BundleComponentAskedFromWarehouse()
    {
        var resolver = new FakeItemResolver().Add("store-a", "KIT", ("A", 1m), ("B", 1m));
        using var harness = InventoryHarness.Create(resolver: resolver, bookInStore: false, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        harness.Warehouse.SetStock(new StockLevel("B", "wh1", 2));

        await harness.RecordAsync(new StockLevel("A", "wh1", 10));

        Assert.Equal(2, await harness.DesiredAsync(harness.A, "KIT"));
    }
}

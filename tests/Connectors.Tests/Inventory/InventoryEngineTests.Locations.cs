using Connectors.Inventory;
using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task RecordStockLevels_LocationMapping_SeveralToOneAddUpAndOneToSeveralSplit()
    {
        var channel = new FakeChannel("store-a");
        using var harness = InventoryHarness.Create(
            o => o.Inventory.Channels["store-a"] = new ChannelInventoryOptions
            {
                Locations =
                {
                    new InventoryLocationMapping { WarehouseLocation = "wh1", ChannelLocation = "main" },
                    new InventoryLocationMapping { WarehouseLocation = "wh2", ChannelLocation = "main" },
                    new InventoryLocationMapping { WarehouseLocation = "wh3", ChannelLocation = "pickup-north", Percent = 50m },
                    new InventoryLocationMapping { WarehouseLocation = "wh3", ChannelLocation = "pickup-south", Percent = 50m },
                },
            },
            channels: channel);

        await harness.RecordAsync(new StockLevel("A", "wh1", 4), new StockLevel("A", "wh2", 6), new StockLevel("A", "wh3", 9), new StockLevel("A", "wh9", 100));
        await harness.DispatchAsync(channel);

        Assert.Equal(10, channel.GetLevel("A", "main"));
        Assert.Equal(4, channel.GetLevel("A", "pickup-north"));
        Assert.Equal(4, channel.GetLevel("A", "pickup-south"));
        Assert.Null(channel.GetLevel("A", "wh9"));
    }

    [Fact]
    public async Task RecordStockLevels_MultiLocationChannelWithoutMapping_KeepsWmsLocations()
    {
        var channel = new FakeChannel("store-a");
        using var harness = InventoryHarness.Create(channels: channel);

        await harness.RecordAsync(new StockLevel("A", "wh1", 4), new StockLevel("A", "wh2", 6));
        await harness.DispatchAsync(channel);
        await harness.RecordAsync(new StockLevel("A", "wh2", 1));
        await harness.DispatchAsync(channel);

        Assert.Equal(4, channel.GetLevel("A", "wh1"));
        Assert.Equal(1, channel.GetLevel("A", "wh2"));
        Assert.Equal(3, channel.Pushes.Sum(p => p.Count));
    }

    [Fact]
    public async Task RecordStockLevels_SingleLocationChannel_SumsEveryWmsLocationAtDefault()
    {
        using var harness = InventoryHarness.Create();

        await harness.RecordAsync(new StockLevel("A", "wh1", 4), new StockLevel("A", "wh2", 6, reserved: 1));

        Assert.Equal(9, await harness.DesiredAsync(harness.A, "A"));
    }
}

using Connectors.Inventory;
using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task RecordStockLevels_SafetyStockPerSku_ReplacesDefaultForThatSku()
    {
        using var harness = InventoryHarness.Create(o =>
        {
            o.Inventory.SafetyStock = 1m;
            o.Inventory.SafetyStockBySku["A"] = 3m;
        });

        await harness.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 10));

        Assert.Equal(7, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(9, await harness.DesiredAsync(harness.A, "B"));
    }

    [Fact]
    public async Task RecordStockLevels_SafetyStockPerChannel_OnlyThatChannelHoldsBack()
    {
        using var harness = InventoryHarness.Create(o => o.Inventory.Channels["store-b"] = new ChannelInventoryOptions { SafetyStock = 4m });

        await harness.RecordAsync(new StockLevel("A", "wh1", 10));

        Assert.Equal(10, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(6, await harness.DesiredAsync(harness.B, "A"));
    }

    [Fact]
    public async Task RecordStockLevels_SafetyStockPercent_HoldsBackRoundedInFavourOfStock()
    {
        using var harness = InventoryHarness.Create(o =>
        {
            o.Inventory.SafetyStockPercent = 25m;
            o.Inventory.Channels["store-b"] = new ChannelInventoryOptions { SafetyStockPercent = 50m };
        });

        await harness.RecordAsync(new StockLevel("A", "wh1", 10));

        Assert.Equal(7, await harness.DesiredAsync(harness.A, "A")); // 10 * 0.75 = 7.5 -> 7
        Assert.Equal(5, await harness.DesiredAsync(harness.B, "A")); // the channel's higher percentage wins
    }

    [Fact]
    public async Task RecordStockLevels_SafetyStockAboveStock_NeverBelowZero()
    {
        using var harness = InventoryHarness.Create(o => o.Inventory.SafetyStock = 20m);

        await harness.RecordAsync(new StockLevel("A", "wh1", 10, reserved: 2));

        Assert.Equal(0, await harness.DesiredAsync(harness.A, "A"));
    }

    [Fact]
    public async Task RecordStockLevels_ItemsOutOfSale_PushZero()
    {
        var resolver = new FakeItemResolver { FallBackToIdentity = true };
        resolver.Add(new ChannelItemDefinition("store-a", "OFF", [new ItemComponent("C", 1m)], onSale: false));
        using var harness = InventoryHarness.Create(
            o =>
            {
                o.Inventory.OutOfSaleSkus.Add("A");
                o.Inventory.Channels["store-b"] = new ChannelInventoryOptions { OutOfSaleItems = { "B" } };
            },
            resolver);

        await harness.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 10), new StockLevel("C", "wh1", 10));

        Assert.Equal(0, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(0, await harness.DesiredAsync(harness.B, "A"));
        Assert.Equal(10, await harness.DesiredAsync(harness.A, "B"));
        Assert.Equal(0, await harness.DesiredAsync(harness.B, "B"));
        Assert.Equal(0, await harness.DesiredAsync(harness.A, "OFF"));
        Assert.Equal(10, await harness.DesiredAsync(harness.B, "C"));
    }
}

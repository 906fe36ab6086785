using Connectors.Inventory;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task RecordStockLevels_ShareMode_ChannelShowsItsShareRoundedDown()
    {
        using var harness = InventoryHarness.Create(o => o.Inventory.Channels["store-b"] = new ChannelInventoryOptions { SharePercent = 50m });

        await harness.RecordAsync(new StockLevel("A", "wh1", 11));

        Assert.Equal(11, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(5, await harness.DesiredAsync(harness.B, "A"));
    }

    [Theory]
    [InlineData(10, 4, 6)]
    [InlineData(3, 3, 0)]
    [InlineData(0, 0, 0)]
    public async Task RecordStockLevels_PriorityMode_HigherRankTakesUpToCapFirst(int stock, int expectedA, int expectedB)
    {
        using var harness = InventoryHarness.Create(o =>
        {
            // store-b is registered second but ranks below store-a, which is capped at 4 units.
            o.Inventory.Channels["store-b"] = new ChannelInventoryOptions { AllocationMode = InventoryAllocationMode.Priority, Priority = 2 };
            o.Inventory.Channels["store-a"] = new ChannelInventoryOptions { AllocationMode = InventoryAllocationMode.Priority, Priority = 1, MaxQuantity = 4m };
        });

        await harness.RecordAsync(new StockLevel("A", "wh1", stock));

        Assert.Equal(expectedA, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(expectedB, await harness.DesiredAsync(harness.B, "A"));
    }

    [Fact]
    public async Task RecordStockLevels_PriorityRankReversed_LowerNumberServedFirst()
    {
        using var harness = InventoryHarness.Create(o =>
        {
            o.Inventory.Channels["store-a"] = new ChannelInventoryOptions { AllocationMode = InventoryAllocationMode.Priority, Priority = 5 };
            o.Inventory.Channels["store-b"] = new ChannelInventoryOptions { AllocationMode = InventoryAllocationMode.Priority, Priority = 1, MaxQuantity = 7m };
        });

        await harness.RecordAsync(new StockLevel("A", "wh1", 9));

        Assert.Equal(2, await harness.DesiredAsync(harness.A, "A"));
        Assert.Equal(7, await harness.DesiredAsync(harness.B, "A"));
    }
}

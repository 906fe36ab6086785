using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task RecordStockLevels_ThousandChangesOfOneSku_OnePushOfLatestValue()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        for (var i = 1; i <= 1000; i++)
        {
            await harness.RecordAsync(new StockLevel("A", "wh1", i));
        }

        var result = await harness.DispatchAsync(harness.A);
        var again = await harness.DispatchAsync(harness.A);

        var push = Assert.Single(harness.A.Pushes);
        var target = Assert.Single(push);
        Assert.Equal(("A", InventoryTarget.DefaultLocation, 1000), (target.ChannelItemId, target.LocationId, target.Quantity));
        Assert.Equal(1, result.Applied);
        Assert.Equal(0, again.Batches);
        Assert.Single(harness.A.Pushes);
    }

    [Fact]
    public async Task RecordStockLevels_SameValueAfterAcknowledgement_PushesNothing()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        await harness.RecordAsync(new StockLevel("A", "wh1", 5));
        await harness.DispatchAsync(harness.A);

        await harness.RecordAsync(new StockLevel("A", "wh1", 9));
        await harness.RecordAsync(new StockLevel("A", "wh1", 5)); // back where the channel already is
        var result = await harness.DispatchAsync(harness.A);

        Assert.Single(harness.A.Pushes);
        Assert.Equal(0, result.Batches);
    }

    [Fact]
    public async Task RecordStockLevels_ReservedInWms_SubtractedFromOnHand()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        await harness.RecordAsync(new StockLevel("A", "wh1", 10, reserved: 4));

        Assert.Equal(6, await harness.DesiredAsync(harness.A, "A"));
    }

    [Fact]
    public async Task PublishStockLevels_ThroughConnectorEvents_RecordsDesired()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        await harness.Events.PublishStockLevelsAsync([new StockLevel("A", "wh1", 3)], InventoryHarness.Token);

        Assert.Equal(3, await harness.DesiredAsync(harness.A, "A"));
    }

    [Fact]
    public async Task Dispatch_ManyRows_BatchesUpToChannelMaximumWithBoundedConcurrency()
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(100));
        using var harness = InventoryHarness.Create(o => o.Inventory.MaxBatchesInFlight = 2, channels: channel);
        var current = 0;
        var peak = 0;
        channel.BeforePush = async (_, ct) =>
        {
            var now = Interlocked.Increment(ref current);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref current);
        };
        await harness.Sync.RecordStockLevelsAsync([.. Enumerable.Range(0, 450).Select(i => new StockLevel($"S{i:D3}", "wh1", i))], InventoryHarness.Token);

        var result = await harness.DispatchAsync(channel);

        Assert.Equal(450, result.Applied);
        Assert.Equal(5, result.Batches);
        Assert.All(channel.Pushes, p => Assert.True(p.Count <= 100));
        Assert.Equal(450, channel.Pushes.Sum(p => p.Count));
        Assert.Equal(2, peak);
        Assert.Equal(449, channel.GetLevel("S449"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

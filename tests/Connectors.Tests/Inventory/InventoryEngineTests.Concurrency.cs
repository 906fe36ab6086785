using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task DispatchAsync_TwoPassesAtOnce_EachRowPushedOnce()
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(10));
        channel.BeforePush = (_, ct) => Task.Delay(5, ct);
        using var harness = InventoryHarness.Create(o => o.Inventory.MaxBatchesInFlight = 1, channels: channel);
        await harness.Sync.RecordStockLevelsAsync([.. Enumerable.Range(0, 100).Select(i => new StockLevel($"S{i:D3}", "wh1", i + 1))], InventoryHarness.Token);

        var results = await Task.WhenAll(
            Task.Run(() => harness.Sync.DispatchAsync("store-a", InventoryHarness.Token), InventoryHarness.Token),
            Task.Run(() => harness.Sync.DispatchAsync("store-a", InventoryHarness.Token), InventoryHarness.Token));

        Assert.Equal(100, results.Sum(r => r.Applied));
        Assert.Equal(100, channel.Pushes.Sum(p => p.Count));
        Assert.Equal(100, channel.Pushes.SelectMany(p => p).Select(t => t.ChannelItemId).Distinct().Count());
    }

    [Fact]
    public async Task RecordStockLevels_ConcurrentWriters_StoreEndsWithLastRecordedValue()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));

        await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => harness.RecordAsync(new StockLevel($"S{i % 5}", "wh1", i)), InventoryHarness.Token)));
        await harness.RecordAsync(new StockLevel("S0", "wh1", 999));

        Assert.Equal(999, await harness.DesiredAsync(harness.A, "S0"));
        Assert.Equal(5, (await ToListAsync(harness.Store.ListInventoryAsync("store-a", cancellationToken: InventoryHarness.Token))).Count);
    }
}

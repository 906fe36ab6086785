using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task DispatchAsync_NewEngineOverSameStore_PushesPendingOnceAndNothingAcknowledged()
    {
        var store = new InMemorySyncStateStore();
        var time = new FakeTimeProvider(ModelFactory.Epoch);
        var channel = new FakeChannel("store-a", new ChannelCapabilities(250)); // the platform outlives the host
        using (var first = InventoryHarness.Create(store: store, time: time, channels: channel))
        {
            await first.RecordAsync(new StockLevel("A", "wh1", 1), new StockLevel("B", "wh1", 2), new StockLevel("C", "wh1", 3));
            await first.DispatchAsync(channel);
            await first.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 20));
        } // the host stops with two pushes pending

        using var second = InventoryHarness.Create(store: store, time: time, channels: channel);
        var resumed = await second.DispatchAsync(channel);
        var idle = await second.DispatchAsync(channel);

        Assert.Equal(2, resumed.Applied);
        Assert.Equal(0, idle.Batches);
        Assert.Equal([("A", 10), ("B", 20)], channel.Pushes[1].Select(t => (t.ChannelItemId, t.Quantity)).OrderBy(t => t.ChannelItemId));
        Assert.Equal(5, channel.Pushes.Sum(p => p.Count));
        Assert.Equal((10, 20, 3), (channel.GetLevel("A"), channel.GetLevel("B"), channel.GetLevel("C")));
    }

    [Fact]
    public async Task DispatchAsync_HostDiedMidPush_RowsReclaimedAfterLease()
    {
        var store = new InMemorySyncStateStore();
        var time = new FakeTimeProvider(ModelFactory.Epoch);
        var dying = new FakeChannel("store-a", new ChannelCapabilities(250));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(InventoryHarness.Token);
        dying.BeforePush = async (_, _) =>
        {
            await cts.CancelAsync();
            cts.Token.ThrowIfCancellationRequested();
        };
        using (var first = InventoryHarness.Create(o => o.LeaseDuration = TimeSpan.FromMinutes(2), store: store, time: time, channels: dying))
        {
            await first.RecordAsync(new StockLevel("A", "wh1", 7));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Sync.DispatchAsync("store-a", cts.Token));
        }

        var channel = new FakeChannel("store-a", new ChannelCapabilities(250));
        using var second = InventoryHarness.Create(o => o.LeaseDuration = TimeSpan.FromMinutes(2), store: store, time: time, channels: channel);
        var leased = await second.DispatchAsync(channel);
        time.Advance(TimeSpan.FromMinutes(2));
        var reclaimed = await second.DispatchAsync(channel);

        Assert.Equal(0, leased.Batches);
        Assert.Equal(1, reclaimed.Applied);
        Assert.Equal(7, channel.GetLevel("A"));
    }
}

using Connectors.State;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task DispatchAsync_ItemAskedForRetryOrMissingFromResults_RescheduledOthersAcknowledged()
    {
        var channel = new ScriptedChannel();
        var time = new FakeTimeProvider(ModelFactory.Epoch);
        var store = new InMemorySyncStateStore();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ISyncStateStore>(store);
        services.AddConnectors(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1)).AddChannel("scripted", "fake", _ => channel);
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<IInventorySync>();
        await engine.RecordStockLevelsAsync([new StockLevel("SLOW", "wh1", 1), new StockLevel("LOST", "wh1", 2), new StockLevel("OK", "wh1", 3)], InventoryHarness.Token);

        var first = await engine.DispatchAsync("scripted", InventoryHarness.Token);
        time.Advance(TimeSpan.FromSeconds(44));
        var early = await engine.DispatchAsync("scripted", InventoryHarness.Token);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = await engine.DispatchAsync("scripted", InventoryHarness.Token);

        Assert.Equal((1, 2), (first.Applied, first.Rescheduled));
        Assert.Equal(0, early.Batches);
        Assert.Equal(2, second.Applied);
        Assert.Equal(["OK", "LOST", "SLOW"], channel.Applied);
        var slow = await store.GetInventoryAsync(new InventoryKey("scripted", "SLOW", InventoryTarget.DefaultLocation), InventoryHarness.Token);
        Assert.False(slow!.IsPending);
    }

    /// <summary>On its first push answers Retry (wait 45 s) for SLOW and leaves LOST out of the results; then applies everything.</summary>
    private sealed class ScriptedChannel : IInventoryChannel
    {
        private int _calls;

        public string Name => "scripted";

        public string Platform => "fake";

        public ChannelCapabilities Capabilities { get; } = new(10);

        public List<string> Applied { get; } = [];

        public Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
        {
            var first = ++_calls == 1;
            var results = new List<InventoryPushItemResult>();
            foreach (var target in targets.OrderBy(t => t.ChannelItemId == "OK" ? 0 : 1).ThenBy(t => t.ChannelItemId, StringComparer.Ordinal))
            {
                if (first && target.ChannelItemId == "SLOW")
                {
                    results.Add(InventoryPushItemResult.Retry(target, "busy", TimeSpan.FromSeconds(45)));
                }
                else if (!(first && target.ChannelItemId == "LOST"))
                {
                    Applied.Add(target.ChannelItemId);
                    results.Add(InventoryPushItemResult.Applied(target));
                }
            }

            return Task.FromResult<IReadOnlyList<InventoryPushItemResult>>(results);
        }

        public IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<ChannelInventoryLevel>();
    }
}

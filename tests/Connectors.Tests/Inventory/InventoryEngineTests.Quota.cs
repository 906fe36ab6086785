using Connectors.Inventory;
using Connectors.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>Dispatch under a daily quota: risk order, pacing, per-listing revisions, refill and coalescing, off by default.</summary>
public partial class InventoryEngineTests
{
    private static FakeChannel MeteredChannel(ChannelQuota quota, int batchSize = 1) =>
        new("store-a", new ChannelCapabilities(batchSize)) { Quota = quota };

    private static InventoryHarness MeteredHarness(FakeChannel channel, int lowStock = 0, QuotaSpendingOrder order = QuotaSpendingOrder.RiskFirst)
    {
        var harness = InventoryHarness.Create(
            o => o.Inventory.Channels["store-a"] = new ChannelInventoryOptions { LowStockThreshold = lowStock, QuotaOrder = order },
            channels: channel);
        channel.QuotaClock = harness.Time;
        return harness;
    }

    private static List<string> Pushed(FakeChannel channel, int skip) =>
        [.. channel.Pushes.Skip(skip).SelectMany(p => p).Select(t => $"{t.ChannelItemId}={t.Quantity}")];

    /// <summary>
    /// With 12 calls a day: falls to zero and to the low-stock threshold go at once though the pacing line is reached;
    /// other decreases follow as the line moves, largest gap first; increases last, oldest first.
    /// </summary>
    [Fact]
    public async Task Dispatch_UnderQuota_ZeroAndLowStockFirstThenDecreasesByGapThenIncreases()
    {
        var channel = MeteredChannel(new ChannelQuota { CallsPerDay = 12 });
        using var harness = MeteredHarness(channel, lowStock: 2);
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(12)); // the pacing line is at 6 calls
        await harness.RecordAsync([.. "ABCDEF".Select(c => new StockLevel(c.ToString(), "wh1", 10))]);
        await harness.DispatchAsync(channel);
        Assert.Equal(6, channel.Pushes.Count);

        await harness.RecordAsync(new StockLevel("E", "wh1", 20));
        await harness.RecordAsync(new StockLevel("F", "wh1", 15));
        await harness.RecordAsync(new StockLevel("D", "wh1", 8));
        await harness.RecordAsync(new StockLevel("C", "wh1", 5));
        await harness.RecordAsync(new StockLevel("B", "wh1", 2));
        await harness.RecordAsync(new StockLevel("A", "wh1", 0));
        await harness.DispatchAsync(channel);
        var urgent = Pushed(channel, 6);
        var steps = new List<List<string>>();
        foreach (var hour in new[] { 18, 20, 22, 23.9 })
        {
            harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(hour));
            var before = channel.Pushes.Count;
            await harness.DispatchAsync(channel);
            steps.Add(Pushed(channel, before));
        }

        Assert.Equal(["A=0", "B=2"], urgent.Order(StringComparer.Ordinal));
        Assert.Equal([["C=5"], ["D=8"], ["E=20"], ["F=15"]], steps);
        Assert.Equal(12, channel.CallsInWindow(harness.Time.GetUtcNow()));
        Assert.Equal(0, channel.QuotaRefusals);
    }

    /// <summary>
    /// Among decreases, the expected exposure a push removes decides, not the gap alone: a row that changed once in half
    /// an hour (gap 2) goes before one that changed thirty times (gap 3), whose next change (often a restock) is minutes
    /// away and would close its gap anyway, while the slow row's gap would stay shown for hours.
    /// </summary>
    [Fact]
    public async Task Dispatch_UnderQuota_SlowRowsSmallerGapBeforeFastRowsLargerGap()
    {
        var channel = MeteredChannel(new ChannelQuota { CallsPerDay = 4 });
        using var harness = MeteredHarness(channel);
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(12)); // the pacing line is at 2 calls
        await harness.RecordAsync(new StockLevel("FAST", "wh1", 10), new StockLevel("SLOW", "wh1", 10));
        await harness.DispatchAsync(channel);
        Assert.Equal(2, channel.Pushes.Count);

        for (var i = 0; i < 28; i++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            await harness.RecordAsync(new StockLevel("FAST", "wh1", i % 2 == 0 ? 9 : 10));
        }

        await harness.RecordAsync(new StockLevel("FAST", "wh1", 8));
        await harness.RecordAsync(new StockLevel("FAST", "wh1", 7));
        await harness.RecordAsync(new StockLevel("SLOW", "wh1", 8));
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(12.5)); // the line reaches a third call
        await harness.DispatchAsync(channel);

        Assert.Equal(["SLOW=8"], Pushed(channel, 2));
    }

    /// <summary>
    /// A spent budget defers even a fall to zero until the window refills at midnight; what changed meanwhile is pushed
    /// once, at its latest level.
    /// </summary>
    [Fact]
    public async Task Dispatch_BudgetSpent_DeferredUntilRefillAndCoalesced()
    {
        var channel = MeteredChannel(new ChannelQuota { CallsPerDay = 2 });
        using var harness = MeteredHarness(channel);
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(23));
        await harness.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 10));
        await harness.DispatchAsync(channel);
        Assert.Equal(2, channel.Pushes.Count);

        await harness.RecordAsync(new StockLevel("A", "wh1", 3));
        await harness.DispatchAsync(channel);
        await harness.RecordAsync(new StockLevel("A", "wh1", 1));
        await harness.RecordAsync(new StockLevel("A", "wh1", 0));
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(23.99));
        await harness.DispatchAsync(channel);
        var beforeMidnight = channel.Pushes.Count;
        var row = await harness.Store.GetInventoryAsync(new InventoryKey("store-a", "A", InventoryTarget.DefaultLocation), InventoryHarness.Token);

        harness.Time.SetUtcNow(ModelFactory.Epoch.AddDays(1));
        await harness.DispatchAsync(channel);

        Assert.Equal(2, beforeMidnight);
        Assert.Equal((ModelFactory.Epoch.AddDays(1), 0), (row!.NextAttemptAt, row.Attempts));
        Assert.Equal(["A=0"], Pushed(channel, 2));
        Assert.Equal(0, channel.QuotaRefusals);
    }

    /// <summary>
    /// No listing is revised more often a day than the platform allows: the fourth change of the day waits for the next
    /// day, and goes out then at its latest level, while the call budget is not the limit.
    /// </summary>
    [Fact]
    public async Task Dispatch_RevisionCap_NeverMoreRevisionsPerListingThanAllowed()
    {
        var channel = MeteredChannel(new ChannelQuota { RevisionsPerListingPerDay = 3 });
        using var harness = MeteredHarness(channel);
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddHours(10));
        for (var level = 10; level > 5; level--)
        {
            await harness.RecordAsync(new StockLevel("A", "wh1", level), new StockLevel("B", "wh1", level));
            await harness.DispatchAsync(channel);
        }

        var firstDay = Pushed(channel, 0);
        harness.Time.SetUtcNow(ModelFactory.Epoch.AddDays(1));
        await harness.DispatchAsync(channel);

        Assert.Equal(["A=10", "A=9", "A=8"], firstDay.Where(p => p.StartsWith('A')));
        Assert.Equal(["B=10", "B=9", "B=8"], firstDay.Where(p => p.StartsWith('B')));
        Assert.Equal(["A=6", "B=6"], Pushed(channel, firstDay.Count).Order(StringComparer.Ordinal));
        Assert.Equal(0, channel.QuotaRefusals);
    }

    /// <summary>
    /// A channel that declares no budget is dispatched as before: everything pending goes out at once, in full batches,
    /// even at the start of a day where a metered channel's pacing line would allow nothing but falls to zero.
    /// </summary>
    [Fact]
    public async Task Dispatch_NoDeclaredQuota_UnchangedBehaviour()
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(250));
        using var harness = MeteredHarness(channel);
        await harness.RecordAsync([.. Enumerable.Range(0, 600).Select(i => new StockLevel($"S{i:D3}", "wh1", 5))]);

        var result = await harness.DispatchAsync(channel);

        Assert.Equal((3, 600), (result.Batches, result.Applied));
        Assert.Equal([250, 250, 100], channel.Pushes.Select(p => p.Count));
    }

    /// <summary>A metered channel over a store that cannot keep the budget is a typed error naming both, not a silent overspend.</summary>
    [Fact]
    public async Task Dispatch_QuotaWithoutQuotaStore_TypedError()
    {
        var channel = MeteredChannel(new ChannelQuota { CallsPerDay = 5 });
        using var harness = InventoryHarness.Create(bookInStore: false, channels: channel);
        await harness.RecordAsync(new StockLevel("A", "wh1", 5));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.DispatchAsync(channel));

        Assert.Contains("IQuotaStore", error.Message, StringComparison.Ordinal);
        Assert.Contains("store-a", error.Message, StringComparison.Ordinal);
        Assert.Empty(channel.Pushes);
    }

    /// <summary>The daily window follows the platform's time zone, DST included.</summary>
    [Fact]
    public void ChannelQuota_WindowAt_MidnightOfTheZone()
    {
        var pacific = new ChannelQuota { CallsPerDay = 1, TimeZoneId = "America/Los_Angeles" };

        var winter = pacific.WindowAt(new DateTimeOffset(2026, 1, 15, 7, 59, 0, TimeSpan.Zero));
        var springForward = pacific.WindowAt(new DateTimeOffset(2026, 3, 8, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal((new DateTimeOffset(2026, 1, 14, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero)), winter);
        Assert.Equal(TimeSpan.FromHours(23), springForward.End - springForward.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 8, 0, 0, TimeSpan.Zero), springForward.Start);
        Assert.Throws<ConnectorValidationException>(() => new ChannelQuota { TimeZoneId = "Mars/Olympus" }.Validate());
        Assert.Throws<ConnectorValidationException>(() => new ChannelQuota { CallsPerDay = 0 }.Validate());
    }
}

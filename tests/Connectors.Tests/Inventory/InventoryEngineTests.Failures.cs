using System.Text.Json;
using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task DispatchAsync_RejectedItem_DeadLetteredParkedAndCounted()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        using var items = harness.Collect("connectors.inventory.pushed_items");
        using var deadLetters = harness.Collect("connectors.dead_letters.added");
        harness.A.RejectItem("BAD", "unknown item");
        await harness.RecordAsync(new StockLevel("BAD", "wh1", 4), new StockLevel("GOOD", "wh1", 5));

        var result = await harness.DispatchAsync(harness.A);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var again = await harness.DispatchAsync(harness.A);

        Assert.Equal((1, 1, 1), (result.Applied, result.Rejected, result.DeadLettered));
        Assert.Equal(0, again.Batches);
        var letter = Assert.Single(await ToListAsync(harness.Store.ListDeadLettersAsync("store-a", InventoryHarness.Token)));
        Assert.Equal(ConnectorFlows.Inventory, letter.Flow);
        Assert.Equal("unknown item", letter.Reason);
        Assert.Equal("NOT_FOUND", letter.ErrorType);
        using var payload = JsonDocument.Parse(letter.Payload);
        Assert.Equal("BAD", payload.RootElement.GetProperty("channelItemId").GetString());
        Assert.Equal(4, payload.RootElement.GetProperty("quantity").GetInt32());
        var row = await harness.Store.GetInventoryAsync(new InventoryKey("store-a", "BAD", InventoryTarget.DefaultLocation), InventoryHarness.Token);
        Assert.Equal(DateTimeOffset.MaxValue, row!.NextAttemptAt);
        Assert.Equal(5, harness.A.GetLevel("GOOD"));
        Assert.Contains(items.GetMeasurementSnapshot(), m => m.Value == 1 && Equals(m.Tags[ConnectorsTelemetry.OutcomeTag], "rejected"));
        Assert.Contains(deadLetters.GetMeasurementSnapshot(), m => Equals(m.Tags[ConnectorsTelemetry.FlowTag], ConnectorFlows.Inventory));
    }

    [Fact]
    public async Task DispatchAsync_ParkedRowDesiredChanges_PushedAgain()
    {
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        harness.A.RejectItem("X", "invalid");
        await harness.RecordAsync(new StockLevel("X", "wh1", 4));
        await harness.DispatchAsync(harness.A);

        await harness.RecordAsync(new StockLevel("X", "wh1", 6));
        var result = await harness.DispatchAsync(harness.A);

        Assert.Equal(1, result.Rejected);
        Assert.Equal(2, harness.A.Pushes.Count);
    }

    [Fact]
    public async Task DispatchAsync_ItemNotListedAtTheLocation_OneDeadLetterAcrossChanges()
    {
        // Issue 17 item 13: an item the shop does not stock at a location left a fresh dead letter at every change.
        using var harness = InventoryHarness.Create(channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        using var items = harness.Collect("connectors.inventory.pushed_items");
        harness.A.NotListItem("X", "not stocked at the location");
        await harness.RecordAsync(new StockLevel("X", "wh1", 4), new StockLevel("GOOD", "wh1", 5));
        var first = await harness.DispatchAsync(harness.A);

        await harness.RecordAsync(new StockLevel("X", "wh1", 6));
        var second = await harness.DispatchAsync(harness.A);
        harness.Time.Advance(TimeSpan.FromDays(1));
        var later = await harness.DispatchAsync(harness.A);

        Assert.Equal((1, 1), (first.Applied, first.Rejected));
        Assert.Equal(1, second.Rejected);
        Assert.Equal(0, later.Batches);
        var letter = Assert.Single(await ToListAsync(harness.Store.ListDeadLettersAsync("store-a", InventoryHarness.Token)));
        Assert.Equal("NOT_STOCKED", letter.ErrorType);
        using var payload = JsonDocument.Parse(letter.Payload);
        Assert.Equal(6, payload.RootElement.GetProperty("quantity").GetInt32());
        Assert.Contains(items.GetMeasurementSnapshot(), m => Equals(m.Tags[ConnectorsTelemetry.OutcomeTag], "not-listed"));
    }

    [Fact]
    public async Task DispatchAsync_TransientFailuresThenRecovery_PushesOnceBackoffElapsed()
    {
        using var harness = InventoryHarness.Create(o => o.MaxAttempts = 5, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        await harness.RecordAsync(new StockLevel("A", "wh1", 10));
        harness.A.FailNextPushes(2);

        var first = await harness.DispatchAsync(harness.A);
        var notDue = await harness.DispatchAsync(harness.A);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await harness.DispatchAsync(harness.A);
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var third = await harness.DispatchAsync(harness.A);

        Assert.Equal((1, 0), (first.Rescheduled, first.Applied));
        Assert.Equal(0, notDue.Batches);
        Assert.Equal(1, second.Rescheduled);
        Assert.Equal(1, third.Applied);
        Assert.Equal(10, harness.A.GetLevel("A"));
        Assert.Empty(await ToListAsync(harness.Store.ListDeadLettersAsync(null, InventoryHarness.Token)));
        var row = await harness.Store.GetInventoryAsync(new InventoryKey("store-a", "A", InventoryTarget.DefaultLocation), InventoryHarness.Token);
        Assert.False(row!.IsPending);
    }

    [Fact]
    public async Task DispatchAsync_RateLimitedWithRetryAfter_WaitsAtLeastThatLong()
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(250));
        var throttled = 1;
        channel.BeforePush = (_, _) => Interlocked.Exchange(ref throttled, 0) == 1
            ? throw new ConnectorRateLimitedException("fake", "throttled", TimeSpan.FromMinutes(2))
            : Task.CompletedTask;
        using var harness = InventoryHarness.Create(channels: channel);
        await harness.RecordAsync(new StockLevel("A", "wh1", 10));

        await harness.DispatchAsync(channel);
        harness.Time.Advance(TimeSpan.FromSeconds(119));
        var early = await harness.DispatchAsync(channel);
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var onTime = await harness.DispatchAsync(channel);

        Assert.Equal(0, early.Batches);
        Assert.Equal(1, onTime.Applied);
    }

    [Fact]
    public async Task DispatchAsync_TransientUntilMaxAttempts_DeadLettered()
    {
        using var harness = InventoryHarness.Create(o => o.MaxAttempts = 2, channels: new FakeChannel("store-a", new ChannelCapabilities(250)));
        await harness.RecordAsync(new StockLevel("A", "wh1", 10));
        harness.A.FailNextPushes(10);

        await harness.DispatchAsync(harness.A);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var last = await harness.DispatchAsync(harness.A);
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        var after = await harness.DispatchAsync(harness.A);

        Assert.Equal(1, last.DeadLettered);
        Assert.Equal(0, after.Batches);
        var letter = Assert.Single(await ToListAsync(harness.Store.ListDeadLettersAsync("store-a", InventoryHarness.Token)));
        Assert.Equal(2, letter.Attempts);
        Assert.Contains("503", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_PermanentBatchFailure_DeadLettersEveryRow()
    {
        var channel = new FakeChannel("store-a", new ChannelCapabilities(250))
        {
            BeforePush = (_, _) => throw new ConnectorAuthenticationException("fake", "token revoked"),
        };
        using var harness = InventoryHarness.Create(channels: channel);
        await harness.RecordAsync(new StockLevel("A", "wh1", 1), new StockLevel("B", "wh1", 2));

        var result = await harness.DispatchAsync(channel);

        Assert.Equal(2, result.DeadLettered);
        Assert.Equal(2, (await ToListAsync(harness.Store.ListDeadLettersAsync("store-a", InventoryHarness.Token))).Count);
    }

    [Fact]
    public async Task DispatchAsync_UnknownChannel_ThrowsNamingInventoryChannels()
    {
        using var harness = InventoryHarness.Create();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => harness.Sync.DispatchAsync("store-z", InventoryHarness.Token));

        Assert.Contains("store-a", error.Message, StringComparison.Ordinal);
    }
}

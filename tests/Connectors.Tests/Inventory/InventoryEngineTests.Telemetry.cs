using System.Collections.Concurrent;
using System.Diagnostics;
using Connectors.Testing;

namespace Connectors.Tests.Inventory;

public partial class InventoryEngineTests
{
    [Fact]
    public async Task DispatchAsync_PushSucceedsThenFails_OneSpanPerBatchWithOutcome()
    {
        // The listener is process-wide and tests run in parallel: this test's spans carry its own channel name.
        const string channel = "span-store";
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem(ConnectorsTelemetry.ChannelTag), channel))
                {
                    stopped.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var harness = InventoryHarness.Create(o => o.MaxAttempts = 5, channels: new FakeChannel(channel, new ChannelCapabilities(250)));
        await harness.RecordAsync(new StockLevel("A", "wh1", 10), new StockLevel("B", "wh1", 3));
        await harness.DispatchAsync(harness.A);
        harness.A.FailNextPushes(1);
        await harness.RecordAsync(new StockLevel("A", "wh1", 9));

        await harness.DispatchAsync(harness.A);

        Assert.Collection(
            stopped,
            ok =>
            {
                Assert.Equal("inventory push", ok.DisplayName);
                Assert.Equal(2, ok.GetTagItem("connector.batch_size"));
                Assert.Equal("success", ok.GetTagItem(ConnectorsTelemetry.OutcomeTag));
                Assert.Equal(ActivityStatusCode.Unset, ok.Status);
            },
            failed =>
            {
                Assert.Equal(1, failed.GetTagItem("connector.batch_size"));
                Assert.Equal("failed", failed.GetTagItem(ConnectorsTelemetry.OutcomeTag));
                Assert.Equal(ActivityStatusCode.Error, failed.Status);
            });
    }
}

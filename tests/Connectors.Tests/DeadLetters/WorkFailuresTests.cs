using System.Collections.Concurrent;
using System.Diagnostics;
using Connectors.Testing;
using Connectors.Tests.Orders;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connectors.Tests.DeadLetters;

public sealed class WorkFailuresTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public WorkFailuresTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConnectorsTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _listener.Dispose();

    // The listener is process-wide and tests run in parallel: pick this test's spans by their unique order id.
    private Activity SpanOf(string orderId) => Assert.Single(_stopped, a =>
        a.GetTagItem("connector.work_item") is string id && id.Contains($"|{orderId}|", StringComparison.Ordinal));

    [Fact]
    public async Task RunPass_ItemCompleted_SpanAndDurationTaggedCompleted()
    {
        using var h = new OrderFlowHarness();
        using var durations = new MetricCollector<double>(h.MeterFactory, ConnectorsTelemetry.Name, "connectors.operation.duration");
        var order = ModelFactory.Order(OrderFlowHarness.Name, "span-ok-1", [("SKU-1", 1)]);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct);

        await h.Orders.ProcessInboxAsync(Ct);

        var span = SpanOf("span-ok-1");
        Assert.Equal("orders process", span.DisplayName);
        Assert.Equal(OrderFlowHarness.Name, span.GetTagItem(ConnectorsTelemetry.ChannelTag));
        Assert.Equal("completed", span.GetTagItem(ConnectorsTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal(ConnectorFlows.Orders, duration.Tags[ConnectorsTelemetry.FlowTag]);
        Assert.Equal("completed", duration.Tags[ConnectorsTelemetry.OutcomeTag]);
    }

    [Fact]
    public async Task RunPass_ItemDeadLettered_SpanIsErrorWithErrorType()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(ModelFactory.Order(OrderFlowHarness.Name, "span-bad-1", [("SKU-1", 1)], updatedAt: ModelFactory.Epoch.AddMinutes(1)), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Warehouse.RefuseChangesTo("a", "span-bad-1", "already picked");
        var cancelled = ModelFactory.Order(OrderFlowHarness.Name, "span-bad-1", [("SKU-1", 1)], updatedAt: ModelFactory.Epoch.AddMinutes(2), status: ChannelOrderStatus.Cancelled);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(cancelled, "d-2"), Ct);

        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        var span = Assert.Single(_stopped, a =>
            a.GetTagItem("connector.work_item") is string id && id.Contains("|span-bad-1|", StringComparison.Ordinal)
            && Equals(a.GetTagItem(ConnectorsTelemetry.OutcomeTag), "dead_lettered"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("wms-refused", span.GetTagItem(ConnectorsTelemetry.ErrorTypeTag));
    }
}

using Connectors.Testing;
using Connectors.Tests.Orders;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connectors.Tests.Fulfillment;

/// <summary>Owned leases in the outbox pass (issue 16, defect 6), on the in-memory store and the fake clock.</summary>
public sealed class FulfillmentSyncLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Host P claims five shipments and is paused in its second order look-up; its lease runs out and host Q sends the
    /// four P had not finished. When P wakes up it creates none of them again (the shop here ships a repeat again),
    /// neither retries nor dead-letters them, and counts each as a lost lease.
    /// </summary>
    [Fact]
    public async Task ProcessOutbox_HostPausedPastItsLease_TakenOverShipmentsAreNotSentAgain()
    {
        using var p = new OrderFlowHarness(o =>
        {
            o.LeaseDuration = TimeSpan.FromMinutes(1);
            o.Orders.OutboxBatchSize = 5;
        });
        using var q = p.SecondHost();
        using var lost = new MetricCollector<long>(p.MeterFactory, ConnectorsTelemetry.Name, "connectors.leases.lost");
        var channel = p.Channel;
        channel.DeduplicatesFulfillments = false;
        for (var i = 0; i < 5; i++)
        {
            channel.PutOrder(ModelFactory.Order(OrderFlowHarness.Name, $"lease-{i}", [("SKU-1", 3)]));
            await p.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment($"LS{i}", OrderFlowHarness.Name, $"lease-{i}", [("SKU-1", 1m)]), Ct);
        }

        var onP = new AsyncLocal<bool>();
        var lookups = 0;
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.BeforeGetOrder = async (_, ct) =>
        {
            if (onP.Value && Interlocked.Increment(ref lookups) == 2)
            {
                paused.TrySetResult();
                await resume.Task.WaitAsync(ct);
            }
        };
        var passP = Task.Run(
            () =>
            {
                onP.Value = true;
                return p.Fulfillment.ProcessOutboxAsync(Ct);
            },
            Ct);
        await paused.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        p.Time.Advance(TimeSpan.FromMinutes(2));
        var passQ = await q.Fulfillment.ProcessOutboxAsync(Ct);
        resume.TrySetResult();
        var resultP = await passP.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal((4, 4), (passQ.Claimed, passQ.Completed));
        Assert.Equal((5, 1, 0, 0), (resultP.Claimed, resultP.Completed, resultP.Retried, resultP.DeadLettered));
        Assert.Equal(5, channel.Fulfillments.Count);
        Assert.All(channel.Fulfillments.GroupBy(f => f.IdempotencyKey), g => Assert.Single(g));
        Assert.Equal(4, lost.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(0, await p.Store.CountPendingAsync(WorkQueue.Outbox, cancellationToken: Ct));
        Assert.Empty(await ToListAsync(p.Store.ListDeadLettersAsync(cancellationToken: Ct)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

using System.Diagnostics.Metrics;
using Connectors.Telemetry;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// Owned leases across hosts (issue 16, defect 6). Four hosts share one PostgreSQL schema and one shop whose
/// fulfilment create is not idempotent (a repeat ships again, as on a shop without idempotency keys; each shipment
/// ships one of three ordered units, so the shop's over-fulfilment rule does not stop a repeat). Host S's clock is five
/// minutes ahead of the others; host P claims a batch and is paused (not killed) in an order look-up mid-batch until
/// the others have taken over its items after its lease ran out on the database's clock. Leases are real (5 s on the
/// server's clock); the hosts' own clocks are fake and never move, so only the database decides when a lease ends.
/// </summary>
public class LeaseOwnershipTests
{
    private const int Shipments = 40;
    private const int PausedAt = 3;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessOutbox_SkewedClockAndHostPausedPastItsLease_EveryShipmentCreatedOnce()
    {
        var cluster = new HostCluster();
        var channel = cluster.Channel;
        channel.DeduplicatesFulfillments = false;
        var start = ModelFactory.Epoch.AddDays(1);
        await using var hostA = cluster.Start("A", new FakeTimeProvider(start), Lease, batchSize: 10);
        await using var hostB = cluster.Start("B", new FakeTimeProvider(start), Lease, batchSize: 10);
        await using var hostS = cluster.Start("S", new FakeTimeProvider(start.AddMinutes(5)), Lease, batchSize: 10);
        await using var hostP = cluster.Start("P", new FakeTimeProvider(start), Lease, batchSize: 10);
        using var lostOnP = new MetricCollector<long>(hostP.Services.GetRequiredService<IMeterFactory>(), ConnectorsTelemetry.Name, "connectors.leases.lost");

        for (var i = 0; i < Shipments; i++)
        {
            channel.PutOrder(ModelFactory.Order(ConnectorHost.Shop, OrderId(i), [($"S{i % 5}", 3)], updatedAt: ModelFactory.Epoch.AddHours(1)));
            await hostA.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment($"SH{i:D3}", ConnectorHost.Shop, OrderId(i), [($"S{i % 5}", 1m)]), Ct);
        }

        // Host P's third order look-up hangs: the host is paused mid-batch, holding the rest of its claim.
        var onP = new AsyncLocal<bool>();
        var lookups = 0;
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.BeforeGetOrder = async (_, ct) =>
        {
            if (onP.Value && Interlocked.Increment(ref lookups) == PausedAt)
            {
                paused.TrySetResult();
                await resume.Task.WaitAsync(ct);
            }
        };
        var passP = Task.Run(
            () =>
            {
                onP.Value = true;
                return hostP.Fulfillment.ProcessOutboxAsync(Ct);
            },
            Ct);
        await WaitAsync(paused.Task, TimeSpan.FromSeconds(30), "host P to claim a batch and reach its third order look-up");

        // The other hosts work the outbox meanwhile; P's claimed items come free when its lease runs out on the server.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var workers = new[] { hostA, hostB, hostS }.Select(h => Task.Run(() => WorkAsync(h, stop.Token), Ct)).ToArray();
        var drained = await WaitForAsync(
            async () => await hostA.Store.CountPendingAsync(WorkQueue.Outbox, cancellationToken: Ct) == 0, TimeSpan.FromSeconds(90));
        Assert.True(
            drained,
            $"waited 90 s for hosts A, B and S to complete every shipment, host P's too once its {Lease.TotalSeconds:0} s lease ran out; "
            + $"{await hostA.Store.CountPendingAsync(WorkQueue.Outbox, cancellationToken: Ct)} still pending");

        // P wakes up with a batch it no longer owns.
        resume.TrySetResult();
        var resultP = await passP.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        for (var i = 0; i < Shipments; i++)
        {
            Assert.Equal(WorkItemStatus.Completed, (await hostB.Store.GetWorkItemAsync(WorkQueue.Outbox, $"shipment|{ConnectorHost.Shop}|SH{i:D3}", Ct))?.Status);
        }

        var created = channel.Fulfillments.GroupBy(f => f.IdempotencyKey ?? "?").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Shipments, created.Count);
        Assert.All(created, c => Assert.True(c.Value == 1, $"shipment {c.Key} was created {c.Value} times on the shop"));
        Assert.Equal(Shipments, channel.Fulfillments.Count);
        await foreach (var letter in hostA.Store.ListDeadLettersAsync(cancellationToken: Ct))
        {
            Assert.Fail($"unexpected dead letter {letter.Id}: {letter.Reason}");
        }

        // P finished what it did before the pause and dropped the rest: no retry, no dead letter, each loss counted.
        Assert.Equal((10, PausedAt - 1, 0, 0), (resultP.Claimed, resultP.Completed, resultP.Retried, resultP.DeadLettered));
        Assert.Equal(10 - (PausedAt - 1), lostOnP.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    private static async Task WorkAsync(ConnectorHost host, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if ((await host.Fulfillment.ProcessOutboxAsync(stop)).Claimed == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task WaitAsync(Task signal, TimeSpan timeout, string what)
    {
        var done = await Task.WhenAny(signal, Task.Delay(timeout, Ct));
        Assert.True(done == signal, $"waited {timeout.TotalSeconds:0} s for {what}");
    }

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        }

        return await condition();
    }

    private static string OrderId(int i) => $"L{i:D3}";
}

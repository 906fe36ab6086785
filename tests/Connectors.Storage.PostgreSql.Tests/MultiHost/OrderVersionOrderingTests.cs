using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// Two hosts processing the inbox at once, each holding a different version of the same order (leases are per inbox
/// item, not per order): the WMS and the order record must end at the newest version.
/// </summary>
public class OrderVersionOrderingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProcessInbox_TwoHostsHoldTwoVersionsOfOneOrder_NewestVersionWins()
    {
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);
        await using var hostA = cluster.Start("A", TimeSpan.FromMinutes(1), batchSize: 1);
        await using var hostB = cluster.Start("B", TimeSpan.FromMinutes(1), batchSize: 1);
        var v1 = ModelFactory.Order(ConnectorHost.Shop, "1001", [("P1", 1)], updatedAt: ModelFactory.Epoch.AddHours(1));
        var v2 = ModelFactory.Order(ConnectorHost.Shop, "1001", [("P1", 2)], updatedAt: ModelFactory.Epoch.AddHours(2));
        var v3 = ModelFactory.Order(ConnectorHost.Shop, "1001", [("P1", 3)], updatedAt: ModelFactory.Epoch.AddHours(3));
        Assert.Equal(InboxAcceptOutcome.Accepted, await hostA.Orders.AcceptAsync(Webhook(v1, "d1"), Ct));
        await DrainAsync(hostA);
        Assert.Equal(1m, warehouse.Orders[(ConnectorHost.Shop, "1001")].Lines.Single().Quantity);

        // v2 then v3 arrive; host A takes v2 (oldest first) and stalls in the WMS update, host B takes v3 meanwhile.
        await hostA.Orders.AcceptAsync(Webhook(v2, "d2"), Ct);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await hostB.Orders.AcceptAsync(Webhook(v3, "d3"), Ct);
        hostA.Warehouse.HoldUpdateOf = "1001";
        var passA = Task.Run(() => OnePassAsync(hostA), Ct);
        await hostA.Warehouse.Entered.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        await OnePassAsync(hostB);
        hostA.Warehouse.Release();
        await passA;

        // Both hosts keep working until the inbox is empty (retries need the clock to move).
        hostA.Warehouse.HoldUpdateOf = null;
        for (var round = 0; round < 20 && await hostA.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct) > 0; round++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            await Task.WhenAll(OnePassAsync(hostA), OnePassAsync(hostB));
        }

        Assert.Equal(0, await hostA.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
        Assert.Equal(3m, warehouse.Orders[(ConnectorHost.Shop, "1001")].Lines.Single().Quantity);
        var record = await hostB.Store.GetOrderRecordAsync(ConnectorHost.Shop, "1001", Ct);
        Assert.NotNull(record);
        Assert.Equal(v3.UpdatedAt, record.Version);
        Assert.Equal(1, warehouse.SubmitCalls);
        await foreach (var letter in hostA.Store.ListDeadLettersAsync(cancellationToken: Ct))
        {
            Assert.Fail($"unexpected dead letter {letter.Id}: {letter.Reason}");
        }
    }

    /// <summary>
    /// Issue 16, defect 6: the order's lock is kept on the database's clock. Host A holds version 2 of an order in a
    /// slow WMS update; host B, whose clock is five minutes ahead (past A's one-minute lock on A's clock), takes version
    /// 3 meanwhile. B must leave the order alone until A is done: the WMS never sees two calls for the order at once.
    /// </summary>
    [Fact]
    public async Task ProcessInbox_HostClockFiveMinutesAheadWhileAnotherHoldsTheOrder_WmsCallsForTheOrderNeverOverlap()
    {
        var cluster = new HostCluster();
        var (time, warehouse) = (cluster.Time, cluster.Warehouse);
        var aheadTime = new FakeTimeProvider(time.GetUtcNow().AddMinutes(5));
        await using var hostA = cluster.Start("A", TimeSpan.FromMinutes(1), batchSize: 1);
        await using var hostB = cluster.Start("B", aheadTime, TimeSpan.FromMinutes(1), batchSize: 1);
        var v1 = ModelFactory.Order(ConnectorHost.Shop, "1003", [("P1", 1)], updatedAt: ModelFactory.Epoch.AddHours(1));
        var v2 = ModelFactory.Order(ConnectorHost.Shop, "1003", [("P1", 2)], updatedAt: ModelFactory.Epoch.AddHours(2));
        var v3 = ModelFactory.Order(ConnectorHost.Shop, "1003", [("P1", 3)], updatedAt: ModelFactory.Epoch.AddHours(3));
        await hostA.Orders.AcceptAsync(Webhook(v1, "d1"), Ct);
        await DrainAsync(hostA);

        // A takes v2 and hangs in the WMS update, holding the order's lock; B (clock ahead) takes v3 meanwhile.
        await hostA.Orders.AcceptAsync(Webhook(v2, "d2"), Ct);
        await hostB.Orders.AcceptAsync(Webhook(v3, "d3"), Ct);
        hostA.Warehouse.HoldUpdateOf = "1003";
        var passA = Task.Run(() => OnePassAsync(hostA), Ct);
        await hostA.Warehouse.Entered.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var passB = await OnePassAsync(hostB);
        var overlapsWhileHeld = cluster.Overlaps;
        hostA.Warehouse.Release();
        await passA.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        Assert.Empty(overlapsWhileHeld.Overlaps);
        Assert.Equal(0, passB.Completed);

        // Then both work the inbox to the end (B's retry of v3 needs B's clock to move).
        hostA.Warehouse.HoldUpdateOf = null;
        for (var round = 0; round < 20 && await hostA.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct) > 0; round++)
        {
            time.Advance(TimeSpan.FromSeconds(3));
            aheadTime.Advance(TimeSpan.FromSeconds(3));
            await Task.WhenAll(OnePassAsync(hostA), OnePassAsync(hostB));
        }

        Assert.Equal(0, await hostA.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
        Assert.Empty(cluster.Overlaps.Overlaps);
        Assert.Equal(3m, warehouse.Orders[(ConnectorHost.Shop, "1003")].Lines.Single().Quantity);
        Assert.Equal(v3.UpdatedAt, (await hostB.Store.GetOrderRecordAsync(ConnectorHost.Shop, "1003", Ct))?.Version);
    }

    [Fact]
    public async Task ProcessInbox_HostDiesHoldingTheOrder_OtherHostTakesOverAfterTheLease()
    {
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);

        // A dead process runs no timers: host A's clock stops where it dies, so it neither renews the order's lock nor
        // reaches its ProcessingTimeout (on the shared clock the hung host would renew until that bound).
        var clockA = new FakeTimeProvider(time.GetUtcNow());
        await using var hostA = cluster.Start("A", clockA, TimeSpan.FromMinutes(1), batchSize: 1);
        await using var hostB = cluster.Start("B", TimeSpan.FromMinutes(1), batchSize: 1);
        var order = ModelFactory.Order(ConnectorHost.Shop, "1002", [("P1", 1)], updatedAt: ModelFactory.Epoch.AddHours(1));
        await hostA.Orders.AcceptAsync(Webhook(order, "d1"), Ct);

        // Host A submits, the WMS accepts, and A hangs before recording it, holding the item and the order's lease.
        hostA.Warehouse.HoldSubmitNumber = 1;
        hostA.Warehouse.ForwardBeforeHold = true;
        using var stopA = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var passA = Task.Run(() => hostA.Orders.ProcessInboxAsync(stopA.Token), Ct);
        await hostA.Warehouse.Entered.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var before = await hostB.Orders.ProcessInboxAsync(Ct);

        // A stays hung (a dead process runs no clean-up), so B must wait out both the item's and the order's lease.
        time.Advance(TimeSpan.FromMinutes(2));
        var after = await hostB.Orders.ProcessInboxAsync(Ct);
        await stopA.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => passA);

        Assert.Equal(0, before.Claimed);
        Assert.Equal(1, after.Completed);
        Assert.Single(warehouse.Orders);
        Assert.Equal(2, warehouse.SubmitCalls);
        Assert.Equal(OrderRecordStatus.Submitted, (await hostB.Store.GetOrderRecordAsync(ConnectorHost.Shop, "1002", Ct))?.Status);
        Assert.Single(channel.Acknowledgements, a => a.ChannelOrderId == "1002");
    }

    /// <summary>
    /// A host alive but hung in a WMS call keeps renewing the order's lock on the database's clock, so the other host
    /// stays out past the lease (it would otherwise submit the order a second time while the first call may still land),
    /// but only up to <c>Connectors:Orders:ProcessingTimeout</c>: there the hung call is cancelled, the lock is no longer
    /// renewed, and the other host takes the order over (the WMS answers the repeated submit by its idempotency key).
    /// Before the bound, the renewal kept the hung host's lock for as long as it hung.
    /// </summary>
    [Fact]
    public async Task ProcessInbox_HostHungPastProcessingTimeout_OtherHostTakesOverAtTheBoundNotBefore()
    {
        var lease = TimeSpan.FromMinutes(1);
        var limit = TimeSpan.FromMinutes(3);
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);
        Action<IServiceCollection> bounded = s => s.Configure<ConnectorsOptions>(o => o.Orders.ProcessingTimeout = limit);
        await using var hostA = cluster.Start("A", lease, batchSize: 1, configure: bounded);
        await using var hostB = cluster.Start("B", lease, batchSize: 1, configure: bounded);
        var order = ModelFactory.Order(ConnectorHost.Shop, "1004", [("P1", 1)], updatedAt: ModelFactory.Epoch.AddHours(1));
        await hostA.Orders.AcceptAsync(Webhook(order, "d1"), Ct);
        var lockName = "order-lock|1004";

        // Host A submits, the WMS accepts, and A's call hangs (the host itself keeps running).
        hostA.Warehouse.HoldSubmitNumber = 1;
        hostA.Warehouse.ForwardBeforeHold = true;
        var passA = Task.Run(() => hostA.Orders.ProcessInboxAsync(Ct), Ct);
        await hostA.Warehouse.Entered.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // Up to the bound: A renews (each third of the lease until a renewal reaches the bound); B, which claims the item
        // once A's item lease ran out, finds the order busy each time.
        var step = lease / 3;
        for (var elapsed = step; elapsed < limit; elapsed += step)
        {
            var before = (await hostB.Store.GetCursorAsync(ConnectorHost.Shop, lockName, Ct))?.Value;
            time.Advance(step);
            if (elapsed <= limit - lease)
            {
                var waited = 0;
                while ((await hostB.Store.GetCursorAsync(ConnectorHost.Shop, lockName, Ct))?.Value == before)
                {
                    Assert.True(++waited < 2000, $"at {elapsed}: waited 20 s for host A to renew the order's lock; the row still reads '{before}'");
                    await Task.Delay(10, Ct);
                }
            }

            var passB = await hostB.Orders.ProcessInboxAsync(Ct);
            Assert.True(passB.Completed == 0, $"at {elapsed} (bound {limit}) host B processed the order while host A still held it");
            Assert.False(passA.IsCompleted, $"at {elapsed} host A's pass ended before ProcessingTimeout");
        }

        // At the bound A's call is cancelled and its pass ends; B then takes the order over.
        time.Advance(step);
        var ended = await Task.WhenAny(passA, Task.Delay(TimeSpan.FromSeconds(20), Ct));
        Assert.True(ended == passA, "waited 20 s for host A's hung call to be cancelled at ProcessingTimeout; its pass never ended");
        await passA;
        time.Advance(TimeSpan.FromSeconds(3));
        var after = await hostB.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, after.Completed);
        Assert.Single(warehouse.Orders);
        Assert.Equal(2, warehouse.SubmitCalls);
        Assert.Equal(OrderRecordStatus.Submitted, (await hostB.Store.GetOrderRecordAsync(ConnectorHost.Shop, "1004", Ct))?.Status);
        Assert.Single(channel.Acknowledgements, a => a.ChannelOrderId == "1004");
        Assert.Equal(0, await hostA.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
    }

    internal static OrderChannelEvent Webhook(ChannelOrder order, string deliveryId) =>
        new()
        {
            Channel = order.Channel,
            DeliveryId = deliveryId,
            OccurredAt = order.UpdatedAt,
            Kind = OrderEventKind.Updated,
            OrderId = order.OrderId,
            Order = order,
        };

    private static Task<WorkPassResult> OnePassAsync(ConnectorHost host) => host.Orders.ProcessInboxAsync(Ct);

    private static async Task DrainAsync(ConnectorHost host)
    {
        while ((await host.Orders.ProcessInboxAsync(Ct)).Claimed > 0)
        {
        }
    }
}

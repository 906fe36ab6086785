using Connectors.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// Three hosts (three DI containers, each with its own engines) on one PostgreSQL schema, sharing one shop and one
/// WMS. Host C is stopped mid-run while it holds leased work: an order it submitted but never recorded, inbox and
/// outbox items it claimed, inventory rows it was pushing. A shared fake clock makes the lease expiry deterministic:
/// time moves only between passes, so a live host's lease never runs out under it. Orders are for SKUs whose stock
/// changes meanwhile, so every host opens and closes oversell windows on SKUs the others recompute: the hosts share the
/// store's stock book and windows.
/// </summary>
public class ThreeHostScaleOutTests
{
    private const int FirstOrders = 30;
    private const int LaterOrders = 10;
    private const int ChangedOrders = 10;
    private const int Skus = 30;
    private const int ChangedSkus = 15;
    private const int OrderedSkus = 5;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeHosts_OneStoppedMidRun_EveryOrderShipmentAndStockChangeOnce()
    {
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);
        await using var hostA = cluster.Start("A", Lease);
        await using var hostB = cluster.Start("B", Lease);

        // A stopped process runs no timers: host C's clock stops with it (it never moves), so C neither renews the lock
        // of the order it hangs in nor reaches its ProcessingTimeout; on the shared clock it would renew until that bound.
        await using var hostC = cluster.Start("C", new FakeTimeProvider(time.GetUtcNow()), Lease);
        ConnectorHost[] hosts = [hostA, hostB, hostC];

        // Host C's calls hang where a crash would leave them: its 2nd order submit after the WMS accepted it, its
        // inventory pushes before they reach the shop.
        hostC.Warehouse.HoldSubmitNumber = 2;
        hostC.Warehouse.ForwardBeforeHold = true;
        var onHostC = new AsyncLocal<bool>();
        var cPushHung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.BeforePush = async (_, ct) =>
        {
            if (onHostC.Value)
            {
                cPushHung.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
        };

        var first = Enumerable.Range(0, FirstOrders).Select(i => Order(i, 1, ModelFactory.Epoch.AddHours(1).AddMinutes(i))).ToList();
        first.ForEach(channel.PutOrder);
        var wave1 = Enumerable.Range(0, Skus).Select(i => new StockLevel(Sku(i), "wh1", 10 + i)).ToArray();
        warehouse.SetStock(wave1);

        // Host C starts first and is stopped with work in hand.
        using var stopC = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var cOrders = Task.Run(
            async () =>
            {
                foreach (var order in Share(first, 2))
                {
                    await hostC.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(order, "w-" + order.OrderId), stopC.Token);
                }

                await hostC.Orders.PollAsync(ConnectorHost.Shop, stopC.Token);
                while (true)
                {
                    await hostC.Orders.ProcessInboxAsync(stopC.Token);
                }
            },
            Ct);
        await WaitAsync(hostC.Warehouse.Entered, "host C never reached its held submit");
        var cInventory = Task.Run(
            async () =>
            {
                onHostC.Value = true;
                await hostC.Inventory.RecordStockLevelsAsync(Share(wave1, 2), stopC.Token);
                await hostC.Inventory.DispatchAsync(ConnectorHost.Shop, stopC.Token);
            },
            Ct);
        await WaitAsync(cPushHung.Task, "host C never pushed");
        foreach (var i in Enumerable.Range(0, FirstOrders).Where(i => i % 3 == 2))
        {
            await hostC.Fulfillment.PublishShipmentAsync(Shipment(i), Ct);
        }

        var cClaimedOutbox = await hostC.Store.ClaimAsync(WorkQueue.Outbox, 3, time.GetUtcNow(), Lease, cancellationToken: Ct);
        Assert.NotEmpty(cClaimedOutbox);

        // Hosts A and B run concurrently: webhooks, polls, inbox, stock, dispatch, shipments (each published twice,
        // by two hosts), outbox.
        await Task.WhenAll(
            Task.Run(() => RunPhaseOneAsync(hostA, 0, first, wave1), Ct),
            Task.Run(() => RunPhaseOneAsync(hostB, 1, first, wave1), Ct));

        // Host C stops: nobody calls it again, and its hung calls never finish (a dead process runs no clean-up), so
        // its item and order leases must expire before the others can take its work.
        // Meanwhile the world moves on: new orders, new versions of old ones, new stock, new shipments.
        var later = Enumerable.Range(FirstOrders, LaterOrders).Select(i => Order(i, 1, ModelFactory.Epoch.AddHours(5).AddMinutes(i))).ToList();
        var changed = Enumerable.Range(0, ChangedOrders).Select(i => Order(i, 2, ModelFactory.Epoch.AddHours(6).AddMinutes(i))).ToList();
        later.ForEach(channel.PutOrder);
        changed.ForEach(channel.PutOrder);
        var wave2 = Enumerable.Range(0, ChangedSkus).Select(i => new StockLevel(Sku(i), "wh1", 100 + i)).ToArray();
        warehouse.SetStock(wave2);
        time.Advance(Lease * 2);
        // Half the new versions come by webhook (to A or B), the rest only by poll.
        var webhooks = later.Concat(changed).Where((_, n) => n % 2 == 0).ToList();
        for (var n = 0; n < webhooks.Count; n++)
        {
            await hosts[n % 2].Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(webhooks[n], "w2-" + webhooks[n].OrderId), Ct);
        }

        await hostA.Inventory.RecordStockLevelsAsync([.. wave2.Where((_, n) => n % 2 == 0)], Ct);
        await hostB.Inventory.RecordStockLevelsAsync([.. wave2.Where((_, n) => n % 2 == 1)], Ct);
        foreach (var i in Enumerable.Range(FirstOrders, LaterOrders))
        {
            await hostA.Fulfillment.PublishShipmentAsync(Shipment(i), Ct);
            await hostB.Fulfillment.PublishShipmentAsync(Shipment(i), Ct);
        }

        // A and B drain everything, including what C held once its leases expired.
        var quiet = false;
        for (var round = 0; round < 60 && !quiet; round++)
        {
            await Task.WhenAll(Task.Run(() => PassAsync(hostA), Ct), Task.Run(() => PassAsync(hostB), Ct));
            quiet = await IsQuietAsync(hostA.Store);
            if (!quiet)
            {
                time.Advance(TimeSpan.FromSeconds(3));
            }
        }

        Assert.True(quiet, "the two remaining hosts did not drain the queues");
        await stopC.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cOrders);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cInventory);
        await foreach (var letter in hostA.Store.ListDeadLettersAsync(cancellationToken: Ct))
        {
            Assert.Fail($"unexpected dead letter {letter.Id}: {letter.Reason}");
        }

        // Orders: each in the WMS once, at its latest version; the only repeated submit is the one C crashed in
        // (same idempotency key, so the WMS answered it without a second order); each released and acknowledged once.
        var total = FirstOrders + LaterOrders;
        var wmsOrders = warehouse.Orders;
        Assert.Equal(total, wmsOrders.Count);
        for (var i = 0; i < total; i++)
        {
            Assert.Equal(i < ChangedOrders ? 2m : 1m, wmsOrders[(ConnectorHost.Shop, OrderId(i))].Lines.Single().Quantity);
        }

        Assert.Equal(1, hostC.Warehouse.HeldAfterForwarding);
        Assert.Equal(total + hostC.Warehouse.HeldAfterForwarding, warehouse.SubmitCalls);
        var releases = channel.Acknowledgements.Where(a => a.Decision == ReleaseDecision.Release).GroupBy(a => a.ChannelOrderId).ToList();
        Assert.Equal(total, releases.Count);
        Assert.All(releases, g => Assert.Single(g));

        // Shipments: each on the shop once, and the shop was called once per shipment (no idempotent repeats needed).
        for (var i = 0; i < total; i++)
        {
            Assert.Single(await channel.ListFulfillmentsAsync(OrderId(i), Ct));
        }

        Assert.Equal(total, channel.Fulfillments.Count);
        Assert.Equal(total, channel.FulfillmentCalls);
        foreach (var item in cClaimedOutbox)
        {
            Assert.Equal(WorkItemStatus.Completed, (await hostA.Store.GetWorkItemAsync(WorkQueue.Outbox, item.Id, Ct))?.Status);
        }

        // Inventory: no row pushed twice for one change, SKUs changed once (and never ordered) pushed once, every window
        // closed (C's too, by the host that finished its order), and the shop shows the WMS's available-to-sell.
        Assert.Empty(await ToListAsync(hostA.Store.ListReservationsAsync(Ct)));
        var pushes = channel.Pushes.SelectMany(p => p).GroupBy(t => (t.ChannelItemId, t.LocationId)).ToDictionary(g => g.Key, g => g.Select(t => t.Quantity).ToList());
        foreach (var (key, quantities) in pushes)
        {
            Assert.True(
                quantities.Zip(quantities.Skip(1)).All(p => p.First != p.Second),
                $"{key.ChannelItemId}@{key.LocationId} was pushed the same quantity twice in a row: {string.Join(", ", quantities)}");
        }

        for (var i = 0; i < Skus; i++)
        {
            var expected = i < ChangedSkus ? 100 + i : 10 + i;
            var (key, pushed) = pushes.Single(p => p.Key.ChannelItemId == Sku(i));
            Assert.Equal(expected, channel.GetLevel(Sku(i), key.LocationId));
            Assert.Equal(expected, pushed[^1]);
            if (i >= OrderedSkus)
            {
                Assert.InRange(pushed.Count, 1, i < ChangedSkus ? 2 : 1);
            }
        }
    }

    private static async Task RunPhaseOneAsync(ConnectorHost host, int share, List<ChannelOrder> orders, StockLevel[] stock)
    {
        foreach (var order in Share(orders, share))
        {
            await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(order, "w-" + order.OrderId), Ct);
        }

        await host.Inventory.RecordStockLevelsAsync(Share(stock, share), Ct);
        for (var round = 0; round < 4; round++)
        {
            if (round == 1)
            {
                // Each shipment is published by two hosts: its own share and the next host's.
                foreach (var i in Enumerable.Range(0, orders.Count).Where(i => i % 3 == share || i % 3 == (share + 1) % 3))
                {
                    await host.Fulfillment.PublishShipmentAsync(Shipment(i), Ct);
                }
            }

            await PassAsync(host);
        }
    }

    private static async Task PassAsync(ConnectorHost host)
    {
        await host.Orders.PollAsync(ConnectorHost.Shop, Ct);
        while ((await host.Orders.ProcessInboxAsync(Ct)).Claimed > 0)
        {
        }

        await host.Inventory.DispatchAsync(ConnectorHost.Shop, Ct);
        while ((await host.Fulfillment.ProcessOutboxAsync(Ct)).Claimed > 0)
        {
        }
    }

    private static async Task<bool> IsQuietAsync(ISyncStateStore store)
    {
        if (await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct) > 0
            || await store.CountPendingAsync(WorkQueue.Outbox, cancellationToken: Ct) > 0)
        {
            return false;
        }

        await foreach (var _ in store.ListInventoryAsync(ConnectorHost.Shop, pendingOnly: true, Ct))
        {
            return false;
        }

        return true;
    }

    private static async Task WaitAsync(Task signal, string message)
    {
        var done = await Task.WhenAny(signal, Task.Delay(TimeSpan.FromSeconds(20), Ct));
        Assert.True(done == signal, message);
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

    private static T[] Share<T>(IEnumerable<T> items, int share) => [.. items.Where((_, n) => n % 3 == share)];

    private static string OrderId(int i) => $"O{i:D3}";

    private static string Sku(int i) => $"S{i:D2}";

    private static ChannelOrder Order(int i, int quantity, DateTimeOffset version) =>
        ModelFactory.Order(ConnectorHost.Shop, OrderId(i), [(Sku(i % OrderedSkus), quantity)], updatedAt: version);

    private static WarehouseShipment Shipment(int i) => ModelFactory.Shipment($"SH{i:D3}", ConnectorHost.Shop, OrderId(i), [(Sku(i % OrderedSkus), 1m)]);
}

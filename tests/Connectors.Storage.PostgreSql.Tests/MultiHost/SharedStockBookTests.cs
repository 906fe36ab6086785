using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// Several hosts computing the inventory of the same SKUs on one PostgreSQL schema: they share the store's stock book
/// and oversell windows, and a computation from an older view never overwrites one from a newer view.
/// </summary>
public class SharedStockBookTests
{
    private const string Sku = "S1";
    private const string Wh = "wh1";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OversellWindow_ClosedOnHostA_NoLongerSubtractedOnHostB()
    {
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);
        await using var hostA = cluster.Start("A", Lease);
        await using var hostB = cluster.Start("B", Lease);
        await hostA.Inventory.RecordStockLevelsAsync([new StockLevel(Sku, Wh, 10)], Ct);

        // An unpaid order is held on host A: its 3 units leave every channel's level at once.
        var unpaid = ModelFactory.Order(ConnectorHost.Shop, "O1", [(Sku, 3)], PaymentStatus.Pending, ModelFactory.Epoch.AddHours(1));
        await hostA.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(unpaid, "d1"), Ct);
        await DrainInboxAsync(hostA);
        var held = await hostA.DesiredAsync(Sku, Wh);

        // Host B hears of new stock while the window is open.
        warehouse.SetStock(new StockLevel(Sku, Wh, 12));
        await hostB.Inventory.RecordStockLevelsAsync([new StockLevel(Sku, Wh, 12)], Ct);
        var onBWhileOpen = await hostB.DesiredAsync(Sku, Wh);

        // The order is paid; host A submits it and closes the window (the WMS reserves the units itself from now on,
        // and host A reads that figure from the WMS as it closes the window).
        warehouse.ReserveOnSubmit = true;
        var paid = ModelFactory.Order(ConnectorHost.Shop, "O1", [(Sku, 3)], PaymentStatus.Paid, ModelFactory.Epoch.AddHours(2));
        await hostA.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(paid, "d2"), Ct);
        await DrainInboxAsync(hostA);
        var afterClose = await hostA.DesiredAsync(Sku, Wh);

        // Host B hears of the WMS's new figure (3 of 14 reserved for the order): the closed window is not subtracted again.
        warehouse.SetStock(new StockLevel(Sku, Wh, 14, 3));
        await hostB.Inventory.RecordStockLevelsAsync([new StockLevel(Sku, Wh, 14, 3)], Ct);
        await hostB.Inventory.DispatchAsync(ConnectorHost.Shop, Ct);

        Assert.Equal(7, held);
        Assert.Equal(9, onBWhileOpen);
        Assert.Equal(9, afterClose); // from the WMS's figure read at acceptance (12 on hand, 3 reserved), not the 12 + 3 of before
        Assert.Equal(11, await hostB.DesiredAsync(Sku, Wh));
        Assert.Equal(11, channel.GetLevel(Sku, Wh));
        Assert.Empty(await ToListAsync(hostB.Store.ListReservationsAsync(Ct)));
    }

    [Fact]
    public async Task StaleRecompute_HostAPausedWhileHostBStoresNewer_CannotOverwriteIt()
    {
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);
        var slow = new PausingCalculator();
        await using var hostA = cluster.Start("A", Lease, configure: s => s.AddSingleton<IAvailabilityCalculator>(slow));
        await using var hostB = cluster.Start("B", Lease);
        await hostA.Inventory.RecordStockLevelsAsync([new StockLevel(Sku, Wh, 10)], Ct);

        // Host A reads the book (20 units) and stalls before storing what it computed (a GC pause, a slow mapping).
        slow.PauseNext();
        var stalled = Task.Run(() => hostA.Inventory.RecordStockLevelsAsync([new StockLevel(Sku, Wh, 20)], Ct), Ct);
        await slow.Paused.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        // Meanwhile host B records the WMS's next figure and stores its desired quantity; then A wakes up.
        await hostB.Inventory.RecordStockLevelsAsync([new StockLevel(Sku, Wh, 30)], Ct);
        var storedByB = await hostB.Store.GetInventoryAsync(new InventoryKey(ConnectorHost.Shop, Sku, Wh), Ct);
        slow.Resume();
        await stalled;

        var row = await hostA.Store.GetInventoryAsync(new InventoryKey(ConnectorHost.Shop, Sku, Wh), Ct);
        Assert.Equal(30, storedByB!.Desired);
        Assert.Equal((30, storedByB.Version), (row!.Desired, row.Version)); // A's 20 from the older view was refused
        await hostA.Inventory.DispatchAsync(ConnectorHost.Shop, Ct);
        Assert.Equal(30, channel.GetLevel(Sku, Wh));
        Assert.Equal([30], channel.Pushes.SelectMany(p => p).Select(t => t.Quantity));
    }

    [Fact]
    public async Task ThreeHosts_InterleavedStockAndWindows_LevelsConvergeToAvailableToSell()
    {
        var cluster = new HostCluster();
        var (time, channel, warehouse) = (cluster.Time, cluster.Channel, cluster.Warehouse);
        await using var hostA = cluster.Start("A", Lease);
        await using var hostB = cluster.Start("B", Lease);
        await using var hostC = cluster.Start("C", Lease);
        ConnectorHost[] hosts = [hostA, hostB, hostC];
        string[] skus = ["K0", "K1", "K2", "K3"];

        // Every host records stock of every SKU and opens and closes windows on them, all at once.
        await Task.WhenAll(hosts.Select((host, h) => Task.Run(
            async () =>
            {
                for (var round = 0; round < 12; round++)
                {
                    var sku = skus[(round + h) % skus.Length];
                    // The host publishes what its WMS holds (the engine reads the WMS too, when an order is accepted).
                    warehouse.SetStock(new StockLevel(sku, Wh, 50 + (10 * h) + round));
                    await host.Inventory.RecordStockLevelsAsync([new StockLevel(sku, Wh, 50 + (10 * h) + round)], Ct);
                    var order = ModelFactory.Order(ConnectorHost.Shop, $"H{h}-{round}", [(sku, 1 + (round % 3))], PaymentStatus.Pending, ModelFactory.Epoch.AddMinutes(round));
                    await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(order, $"d-{h}-{round}"), Ct);
                    await DrainInboxAsync(host);
                    if (round % 2 == 0)
                    {
                        var paid = ModelFactory.Order(ConnectorHost.Shop, order.OrderId, [(sku, 1 + (round % 3))], PaymentStatus.Paid, order.UpdatedAt.AddSeconds(1));
                        await host.Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(paid, $"p-{h}-{round}"), Ct);
                        await DrainInboxAsync(host);
                    }

                    await host.Inventory.DispatchAsync(ConnectorHost.Shop, Ct);
                }
            },
            Ct)));

        // Every row equals what the shared book says now: the free stock less the windows still open.
        var view = await hostA.StockBook.ReadStockAsync(skus, Ct);
        foreach (var sku in skus)
        {
            var free = view.Levels.Single(l => l.Sku == sku).Free;
            var windowed = view.Reserved.SingleOrDefault(r => r.Sku == sku)?.Quantity ?? 0m;
            Assert.Equal(Math.Max(0, (int)(free - windowed)), await hostA.DesiredAsync(sku, Wh));
        }

        // The WMS publishes its figures; the held orders are cancelled; the shop converges to available-to-sell.
        var truth = skus.Select((sku, i) => new StockLevel(sku, Wh, 40 + i, i)).ToArray();
        warehouse.SetStock(truth);
        await hostC.Inventory.RecordStockLevelsAsync(truth, Ct);
        var held = await ToListAsync(hostA.Store.ListReservationsAsync(Ct));
        Assert.NotEmpty(held);
        foreach (var (reservation, n) in held.Select((r, n) => (r, n)))
        {
            var cancelled = ModelFactory.Order(ConnectorHost.Shop, reservation.OrderId, [(reservation.Quantities[0].Sku, 1)], PaymentStatus.Pending, ModelFactory.Epoch.AddHours(1), ChannelOrderStatus.Cancelled);
            await hosts[n % 3].Orders.AcceptAsync(OrderVersionOrderingTests.Webhook(cancelled, $"c-{n}"), Ct);
            await DrainInboxAsync(hosts[n % 3]);
        }

        foreach (var host in hosts)
        {
            await host.Inventory.DispatchAsync(ConnectorHost.Shop, Ct);
        }

        Assert.Empty(await ToListAsync(hostA.Store.ListReservationsAsync(Ct)));
        foreach (var level in truth)
        {
            Assert.Equal((int)level.Free, channel.GetLevel(level.Sku, Wh));
        }
    }

    private static async Task DrainInboxAsync(ConnectorHost host)
    {
        while ((await host.Orders.ProcessInboxAsync(Ct)).Claimed > 0)
        {
        }
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

    /// <summary>Min over components of floor(available / units), and a pause the test can hold a computation in.</summary>
    private sealed class PausingCalculator : IAvailabilityCalculator
    {
        private readonly ManualResetEventSlim _resume = new(true);
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _pauseNext;

        public Task Paused => _paused.Task;

        public void PauseNext()
        {
            _resume.Reset();
            Volatile.Write(ref _pauseNext, 1);
        }

        public void Resume() => _resume.Set();

        public int Calculate(ChannelItemDefinition item, IReadOnlyDictionary<string, decimal> availableBySku)
        {
            if (Interlocked.Exchange(ref _pauseNext, 0) == 1)
            {
                _paused.TrySetResult();
                _resume.Wait(TimeSpan.FromSeconds(30));
            }

            var units = decimal.MaxValue;
            foreach (var component in item.Components)
            {
                units = Math.Min(units, decimal.Floor(Math.Max(0m, availableBySku.GetValueOrDefault(component.Sku)) / component.QuantityPerUnit));
            }

            return item.OnSale ? (int)units : 0;
        }
    }
}

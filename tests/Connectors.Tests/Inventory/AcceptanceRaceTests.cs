using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Connectors.State;
using Connectors.Testing;
using Connectors.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Tests.Inventory;

/// <summary>
/// Defect 2 of issue 16: after the WMS accepted an order, its window closed and the level was recomputed from a stock
/// book that still held the pre-order stock, so every channel was shown the sold units again until the host happened
/// to publish new stock. Here buyers on two channels buy against what each channel shows, one sale at a time, while
/// dispatchers push to both channels all the time (also right after each acceptance) and the WMS publishes its new
/// stock late (after a seeded number of dispatch passes). A correct engine never shows a unit the WMS has taken, so
/// the units sold never exceed the stock.
/// </summary>
public sealed class AcceptanceRaceTests
{
    private const int Rounds = 150;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, 16)]
    [InlineData(false, 61)]
    public async Task BuyersOnTwoChannels_WmsAcceptsAndPublishesLate_UnitsSoldNeverExceedStock(bool bookInStore, int seed)
    {
        var output = TestContext.Current.TestOutputHelper!;
        var random = new Random(seed);
        var store = new InMemorySyncStateStore();
        var a = new FakeChannel("a", new ChannelCapabilities(250));
        var b = new FakeChannel("b", new ChannelCapabilities(250));
        FakeChannel[] channels = [a, b];
        var services = new ServiceCollection();
        services.AddSingleton(bookInStore ? store : PlainStore.Wrap(store));
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(ModelFactory.Epoch));
        var wms = new LateWarehouse(new Random(seed + 1));
        services.AddSingleton<IWarehouseInventory>(wms).AddSingleton<IWarehouseOrders>(wms);
        services.AddConnectors().AddChannel(a.Name, "fake", _ => a).AddChannel(b.Name, "fake", _ => b);
        await using var provider = services.BuildServiceProvider();
        var inventory = provider.GetRequiredService<IInventorySync>();
        var orders = provider.GetRequiredService<IOrderSync>();
        var events = provider.GetRequiredService<IConnectorEvents>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // A push and a buyer's look at the level never interleave on one channel (a push is an absolute set).
        var channelLocks = channels.ToDictionary(c => c.Name, _ => new SemaphoreSlim(1, 1));
        var dispatchers = channels.Select(channel => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                InventoryDispatchResult result;
                await channelLocks[channel.Name].WaitAsync(stop.Token);
                try
                {
                    result = await inventory.DispatchAsync(channel.Name, stop.Token);
                }
                finally
                {
                    channelLocks[channel.Name].Release();
                }

                wms.DispatchPassDone();
                if (result.Batches == 0)
                {
                    await Task.Delay(1, stop.Token);
                }
            }
        }, stop.Token)).ToArray();
        var publisher = Task.Run(() => wms.RunPublisherAsync(events, stop.Token), stop.Token);

        async Task WaitQuietAsync(string sku, bool publisherToo)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var pending = 0;
                foreach (var channel in channels)
                {
                    await foreach (var _ in store.ListInventoryAsync(channel.Name, pendingOnly: true, Ct))
                    {
                        pending++;
                    }
                }

                if (pending == 0 && (!publisherToo || wms.PublisherIdle))
                {
                    return;
                }

                Assert.True(DateTime.UtcNow < deadline, $"waited 30 s for {sku}: {pending} inventory rows still pending, publisher idle: {wms.PublisherIdle}");
                await Task.Delay(1, Ct);
            }
        }

        int totalSold = 0, totalStock = 0, oversoldRounds = 0;
        var floor = new SemaphoreSlim(1, 1);
        for (var round = 0; round < Rounds; round++)
        {
            var sku = $"SKU-{round:D3}";
            var stock = random.Next(1, 5);
            totalStock += stock;
            wms.SetStock(sku, stock);
            await events.PublishStockLevelsAsync([new StockLevel(sku, "wh1", stock)], Ct);
            await WaitQuietAsync(sku, publisherToo: true);
            var sold = 0;
            var orderNumber = 0;

            // One buyer per channel; they take turns at random (whoever gets the floor), each buying one unit when its
            // channel shows one. A sale is delivered and processed before the next buyer looks.
            async Task BuyAsync(FakeChannel channel)
            {
                var first = true;
                while (true)
                {
                    if (!first)
                    {
                        await Task.Delay(1, Ct);
                    }

                    first = false;
                    await floor.WaitAsync(Ct);
                    try
                    {
                        await channelLocks[channel.Name].WaitAsync(Ct);
                        var shown = channel.GetLevel(sku) ?? 0;
                        if (shown > 0)
                        {
                            channel.SetLevel(sku, InventoryTarget.DefaultLocation, shown - 1); // the shop counts the sale
                        }

                        channelLocks[channel.Name].Release();
                        if (shown <= 0)
                        {
                            if (wms.PublisherIdle && (a.GetLevel(sku) ?? 0) == 0 && (b.GetLevel(sku) ?? 0) == 0)
                            {
                                var pending = 0;
                                await foreach (var _ in store.ListInventoryAsync(a.Name, pendingOnly: true, Ct)) { pending++; }
                                await foreach (var _ in store.ListInventoryAsync(b.Name, pendingOnly: true, Ct)) { pending++; }
                                if (pending == 0)
                                {
                                    return; // nothing left to buy anywhere, and nothing on its way
                                }
                            }

                            continue; // (the finally below frees the floor; the delay at the loop's top lets others move)
                        }

                        sold++;
                        var order = ModelFactory.Order(channel.Name, $"{sku}-{++orderNumber}", [(sku, 1)], updatedAt: ModelFactory.Epoch);
                        channel.PutOrder(order);
                        await orders.AcceptAsync(OrderFlowHarness.Webhook(order, $"d-{sku}-{orderNumber}"), Ct);
                        while (await store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct) > 0)
                        {
                            await orders.ProcessInboxAsync(Ct);
                        }

                        await WaitQuietAsync(sku, publisherToo: false);
                    }
                    finally
                    {
                        floor.Release();
                    }
                }
            }

            await Task.WhenAll(Task.Run(() => BuyAsync(a), Ct), Task.Run(() => BuyAsync(b), Ct));
            totalSold += sold;
            if (sold > stock)
            {
                oversoldRounds++;
                output.WriteLine($"{sku}: stock {stock}, sold {sold}");
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(dispatchers.Append(publisher).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        output.WriteLine($"{Rounds} rounds, stock {totalStock}, sold {totalSold}, oversold rounds {oversoldRounds}, WMS refusals {wms.Refusals}, late publishes {wms.Publishes}");
        Assert.True(wms.Publishes >= Rounds, "the WMS published every acceptance");
        Assert.Equal(0, oversoldRounds);
        Assert.Equal(0, wms.Refusals);
        Assert.Equal(totalStock, totalSold); // and every unit was sold: the channels never showed too little for good
    }

    /// <summary>
    /// A WMS written from its contract, not from the engine: stock per SKU at one location; an accepted order reserves
    /// its units (refused when they are not free); every acceptance is published as absolute levels, late: after a
    /// seeded number (0-3) of dispatch passes. A publish reads and delivers its levels with no acceptance in between,
    /// as a host that publishes in order does.
    /// </summary>
    private sealed class LateWarehouse(Random random) : IWarehouseInventory, IWarehouseOrders
    {
        private readonly Lock _data = new();
        private readonly Dictionary<string, (decimal OnHand, decimal Reserved)> _stock = new(StringComparer.Ordinal);
        private readonly Dictionary<string, WarehouseOrderResult> _answers = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _inOrder = new(1, 1);
        private readonly ConcurrentQueue<string> _toPublish = new();
        private readonly SemaphoreSlim _queued = new(0);
        private long _passes;
        private int _busy;
        private int _refusals;
        private int _publishes;

        public int Refusals => Volatile.Read(ref _refusals);

        public int Publishes => Volatile.Read(ref _publishes);

        public bool PublisherIdle => _toPublish.IsEmpty && Volatile.Read(ref _busy) == 0;

        public void DispatchPassDone() => Interlocked.Increment(ref _passes);

        public void SetStock(string sku, decimal onHand)
        {
            lock (_data)
            {
                _stock[sku] = (onHand, 0m);
            }
        }

        public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            List<StockLevel> levels;
            lock (_data)
            {
                levels = [.. _stock.Where(s => skus is null || skus.Contains(s.Key)).Select(s => new StockLevel(s.Key, "wh1", s.Value.OnHand, s.Value.Reserved))];
            }

            foreach (var level in levels)
            {
                yield return level;
            }

            await Task.CompletedTask;
        }

        public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            await _inOrder.WaitAsync(cancellationToken);
            try
            {
                lock (_data)
                {
                    if (_answers.TryGetValue(idempotencyKey, out var previous))
                    {
                        return previous;
                    }

                    var wanted = order.QuantitiesBySku();
                    foreach (var (sku, quantity) in wanted)
                    {
                        var (onHand, reserved) = _stock.GetValueOrDefault(sku);
                        if (onHand - reserved < quantity)
                        {
                            Interlocked.Increment(ref _refusals);
                            return _answers[idempotencyKey] = WarehouseOrderResult.Refused($"only {onHand - reserved} of {sku} free");
                        }
                    }

                    foreach (var (sku, quantity) in wanted)
                    {
                        var (onHand, reserved) = _stock[sku];
                        _stock[sku] = (onHand, reserved + quantity);
                        _toPublish.Enqueue(sku);
                        _queued.Release();
                    }

                    return _answers[idempotencyKey] = WarehouseOrderResult.Accepted("WMS-" + order.ChannelOrderId);
                }
            }
            finally
            {
                _inOrder.Release();
            }
        }

        public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(WarehouseOrderResult.Refused("updates are not part of this test"));

        public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
            Task.FromResult(WarehouseOrderResult.Refused("cancellations are not part of this test"));

        public async Task RunPublisherAsync(IConnectorEvents events, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await _queued.WaitAsync(cancellationToken);
                Interlocked.Increment(ref _busy);
                try
                {
                    _toPublish.TryDequeue(out var sku);
                    var target = Interlocked.Read(ref _passes) + random.Next(0, 4);
                    while (Interlocked.Read(ref _passes) < target)
                    {
                        await Task.Delay(1, cancellationToken);
                    }

                    await _inOrder.WaitAsync(cancellationToken);
                    try
                    {
                        StockLevel level;
                        lock (_data)
                        {
                            var (onHand, reserved) = _stock[sku!];
                            level = new StockLevel(sku!, "wh1", onHand, reserved);
                        }

                        await events.PublishStockLevelsAsync([level], cancellationToken);
                        Interlocked.Increment(ref _publishes);
                    }
                    finally
                    {
                        _inOrder.Release();
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _busy);
                }
            }
        }
    }
}

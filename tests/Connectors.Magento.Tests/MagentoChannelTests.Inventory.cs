using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task PushInventory_OpenOrdersNotShipped_SalableQuantityEqualsTheWmsAvailableToSell()
    {
        // The WMS holds 10 of SKU-A. Two Magento orders (2 and 1) are placed and not shipped: the WMS has them (reserved),
        // so its available-to-sell for the channel is 10 - 3 = 7. Magento holds reservations of -3 for them.
        _emulator.AddProduct("SKU-A");
        _emulator.AddConfigurableProduct("TEE", ["TEE-M"]);
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 1), MagentoEmulatorLine.Configurable("TEE", "TEE-M", 4)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var results = await services.Magento().PushInventoryAsync(
            [new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 7), new InventoryTarget("TEE-M", InventoryTarget.DefaultLocation, 6)], Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(-3m, _emulator.GetReservationTotal("SKU-A"));
        Assert.Equal(7m, _emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(10m, _emulator.GetSourceQuantity("SKU-A", "default"));
        Assert.Equal(6m, _emulator.GetSalableQuantity("TEE-M")); // the configurable's parent and child items reserve once
    }

    [Fact]
    public async Task PushInventory_CompensationOff_CountsOpenOrdersTwice()
    {
        // The formula's reason: without it the same push leaves Magento selling 4, not 7.
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, o => o.CompensateReservations = false, _time);

        await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 7)], Ct);

        Assert.Equal(4m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task PushInventory_AfterShipmentAndCancellation_SalableStillEqualsAvailableToSell()
    {
        // WMS: on hand 10, orders of 2 and 3 reserved -> ATS 5. Push. Then the first order ships through the connector
        // (WMS on hand 8, reserved 3, ATS 5: no push), the second is cancelled in Magento (WMS releases it: ATS 8, pushed).
        _emulator.AddProduct("SKU-A");
        var first = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        var second = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 5)], Ct);
        Assert.Equal(5m, _emulator.GetSalableQuantity("SKU-A"));

        var order = (await channel.GetOrderAsync(Id(first), Ct))!;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 2)], "ship-1"), Ct);
        Assert.Equal(5m, _emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(8m, _emulator.GetSourceQuantity("SKU-A", "default"));

        _emulator.CancelOrder(second);
        await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 8)], Ct);
        Assert.Equal(8m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task ReadInventory_AfterCompensatedPush_ReportsWhatWasPushed()
    {
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 7)], Ct);

        var levels = await channel.ReadInventoryAsync(["SKU-A"], Ct).ToListAsync(Ct);

        Assert.Equal(new ChannelInventoryLevel
        {
            ChannelItemId = "SKU-A",
            LocationId = InventoryTarget.DefaultLocation,
            Available = 7,
        }, Assert.Single(levels));
    }

    [Fact]
    public async Task PushInventory_SeveralLocations_GoToTheirSourcesAndReservationsToOne()
    {
        _emulator.AddSource("eu-west");
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, o => { o.SourceCodes["WH1"] = "default"; o.SourceCodes["WH2"] = "eu-west"; }, _time);

        var results = await services.Magento().PushInventoryAsync(
            [new InventoryTarget("SKU-A", "WH1", 4), new InventoryTarget("SKU-A", "WH2", 3), new InventoryTarget("SKU-A", "WH9", 1)], Ct);

        Assert.Equal([PushOutcome.Applied, PushOutcome.Applied, PushOutcome.Rejected], results.Select(r => r.Outcome));
        Assert.Equal("unknown_location", results[2].ErrorCode);
        Assert.Equal(6m, _emulator.GetSourceQuantity("SKU-A", "default"));
        Assert.Equal(3m, _emulator.GetSourceQuantity("SKU-A", "eu-west"));
        Assert.Equal(7m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task PushInventory_OneBadItemInABatch_OthersAppliedAndTheBadOneRejectedWithMagentosMessage()
    {
        for (var i = 0; i < 5; i++)
        {
            _emulator.AddProduct($"SKU-{i}");
        }

        await using var services = TestHost.ForEmulator(_emulator, o => { o.BatchSize = 3; o.CompensateReservations = false; }, _time);
        var targets = Enumerable.Range(0, 6).Select(i => new InventoryTarget(i == 4 ? "NO-SUCH-SKU" : $"SKU-{Math.Min(i, 4)}", InventoryTarget.DefaultLocation, 10 + i)).ToList();

        var results = await services.Magento().PushInventoryAsync(targets, Ct);

        Assert.Equal(PushOutcome.Rejected, results[4].Outcome);
        Assert.Contains("The product with SKU \"NO-SUCH-SKU\" does not exist.", results[4].Reason, StringComparison.Ordinal);
        Assert.All(results.Where((_, i) => i != 4), r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(15m, _emulator.GetSourceQuantity("SKU-4", "default"));
        var posts = _emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/V1/inventory/source-items");
        Assert.Equal(2 + 3, posts); // two batches of three, the second split into its three items
    }

    [Fact]
    public async Task PushInventory_ServerErrorThroughout_ItemsMarkedRetry()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, o => o.CompensateReservations = false, _time);
        _emulator.InjectFault(MagentoEmulatorFault.InternalError);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 1)], Ct);

        Assert.Equal(PushOutcome.Retry, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task PushInventory_ReservationsUnreadable_NothingWrittenAndItemsRetry()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        _emulator.InjectFault(MagentoEmulatorFault.MaintenancePage);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 1)], Ct);

        Assert.Equal(PushOutcome.Retry, Assert.Single(results).Outcome);
        Assert.Null(_emulator.GetSourceQuantity("SKU-A", "default"));
    }

    [Fact]
    public async Task PushInventory_OrderShippedBetweenReservationReadAndSourceWrite_SalableEqualsAvailableToSell()
    {
        // The crash-restart finding (shop-c SKU-0008 salable 36, WMS 34). The WMS holds 10, one Magento order of 2 is
        // reserved: available-to-sell 8, source 10 from the last push. The push reads the open reservations (2); before
        // its source write arrives the order ships: Magento deducts 2 from the source and compensates the reservation.
        // Written as read, the source becomes 8 + 2 = 10 with no reservation left, so the store sells 10; shipping leaves
        // the WMS's available-to-sell at 8, so no later push would put it right.
        _emulator.AddProduct("SKU-A");
        _emulator.SetSourceQuantity("SKU-A", "default", 10);
        var order = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        _emulator.BeforeHandling = ShipOnce(order, "POST", "/V1/inventory/source-items");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 8)], Ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
        Assert.Equal(1, _emulator.GetShipmentCount(order));
        Assert.Equal(0m, _emulator.GetReservationTotal("SKU-A"));
        Assert.Equal(8m, _emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(8m, _emulator.GetSourceQuantity("SKU-A", "default"));
    }

    [Fact]
    public async Task PushInventory_AsyncBulk_OrderShippedBeforeTheConsumerRan_SalableEqualsAvailableToSell()
    {
        // The same race with the asynchronous bulk API, where the window is as long as the consumers take: the order ships
        // after the bulk was queued and before the consumer saved its source items.
        _emulator.AddProduct("SKU-A");
        _emulator.SetSourceQuantity("SKU-A", "default", 10);
        var order = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        _emulator.BeforeHandling = ShipOnce(order, "GET", "/status");
        await using var services = TestHost.ForEmulator(_emulator, o => o.InventoryApi = MagentoInventoryApi.AsyncBulkSourceItems, _time);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 8)], Ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
        Assert.Equal(1, _emulator.GetShipmentCount(order));
        Assert.Equal(8m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task PushInventory_OrderPlacedBetweenReservationReadAndSourceWrite_NotAddedBeforeTheWmsHasIt()
    {
        // The other way round: an order of 3 placed after the read. The WMS does not count it yet (available-to-sell 8), so
        // adding its reservation back would sell 8 while 3 of them are gone; left out, the store sells 5 until the order's
        // import changes the WMS's level and that push counts it. The second read only follows the first read's orders.
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        var placed = false;
        _emulator.BeforeHandling = r =>
        {
            if (!placed && r is { Method: "POST", Path: "/V1/inventory/source-items" })
            {
                placed = true;
                _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
            }
        };
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 8)], Ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
        Assert.Equal(10m, _emulator.GetSourceQuantity("SKU-A", "default"));
        Assert.Equal(5m, _emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(1, _emulator.Requests.Count(r => r is { Method: "POST", Path: "/V1/inventory/source-items" }));
    }

    [Fact]
    public async Task PushInventory_AnOrderShipsBeforeEveryWrite_ItemRetriesAndTheNextPushSettles()
    {
        // Five orders of 1 reserved, available-to-sell 6. Before each source write one more order ships, so every write is
        // one unit stale. The push writes again a bounded number of times, then hands the item back as Retry (the engine
        // pushes it again) rather than reporting a level it cannot vouch for; the next push, with no shipment racing it,
        // settles at 6.
        _emulator.AddProduct("SKU-A");
        _emulator.SetSourceQuantity("SKU-A", "default", 11);
        var orders = new Queue<long>(Enumerable.Range(0, 5).Select(_ => _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 1)])));
        _emulator.BeforeHandling = r =>
        {
            if (r is { Method: "POST", Path: "/V1/inventory/source-items" } && orders.TryDequeue(out var order))
            {
                _emulator.ShipOrder(order);
            }
        };
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();

        var first = Assert.Single(await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 6)], Ct));

        Assert.Equal(PushOutcome.Retry, first.Outcome);
        Assert.Contains("shipped, cancelled or refunded", first.Reason, StringComparison.Ordinal);
        Assert.Equal(1 + MagentoChannel.MaxReservationRewrites, _emulator.Requests.Count(r => r is { Method: "POST", Path: "/V1/inventory/source-items" }));
        Assert.Single(orders);

        var second = Assert.Single(await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 6)], Ct));

        Assert.Equal(PushOutcome.Applied, second.Outcome);
        Assert.Equal(0m, _emulator.GetReservationTotal("SKU-A"));
        Assert.Equal(6m, _emulator.GetSalableQuantity("SKU-A"));
    }

    /// <summary>A hook that ships the order once, when the first request of that method whose path ends with the suffix arrives.</summary>
    private Action<MagentoEmulatorRequest> ShipOnce(long orderId, string method, string pathSuffix)
    {
        var shipped = 0;
        return r =>
        {
            if (r.Method == method && r.Path.EndsWith(pathSuffix, StringComparison.Ordinal) && Interlocked.Exchange(ref shipped, 1) == 0)
            {
                _emulator.ShipOrder(orderId);
            }
        };
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

/// <summary>The engine (AddConnectors) with a WMS fake and the Magento channel against the emulator.</summary>
public sealed class EngineEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InventoryFlow_WmsReservesOpenMagentoOrders_ShopSellsExactlyTheAvailableToSell()
    {
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("SKU-A");
        emulator.AddProduct("SKU-B");
        emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2), MagentoEmulatorLine.Simple("SKU-B", 1)]);
        emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 1)]);
        var warehouse = new FakeWarehouse();
        await using var provider = TestHost.ForEngine(emulator, time, warehouse, WmsPorts.Inventory, adminUser: true);
        var sync = provider.GetRequiredService<IInventorySync>();

        // The WMS holds the two Magento orders as reservations: A 10 on hand, 3 reserved; B 4 on hand, 1 reserved.
        await sync.RecordStockLevelsAsync([new StockLevel("SKU-A", InventoryTarget.DefaultLocation, 10, 3), new StockLevel("SKU-B", InventoryTarget.DefaultLocation, 4, 1)], Ct);
        var result = await sync.DispatchAsync(TestHost.Channel, Ct);

        Assert.Equal(2, result.Applied);
        Assert.Equal(7m, emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(3m, emulator.GetSalableQuantity("SKU-B"));
    }

    [Fact]
    public async Task OrderFlow_ConfigurableAndBundleOrder_ReachesTheWmsOnceAndIsAcknowledgedOnce()
    {
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddConfigurableProduct("TEE", ["TEE-M"], 20m);
        emulator.AddProduct("MUG");
        emulator.AddProduct("KIT", "bundle", 30m);
        var id = emulator.PlaceOrder([MagentoEmulatorLine.Configurable("TEE", "TEE-M", 2, 20m), MagentoEmulatorLine.Bundle("KIT", 1, 30m, new Dictionary<string, int> { ["MUG"] = 2 })]);
        time.Advance(TimeSpan.FromMinutes(1));
        var warehouse = new FakeWarehouse();
        await using var provider = TestHost.ForEngine(emulator, time, warehouse, WmsPorts.OrderFlows);
        var orders = provider.GetRequiredService<IOrderSync>();

        await orders.PollAsync(TestHost.Channel, Ct);
        await orders.ProcessInboxAsync(Ct);
        await orders.PollAsync(TestHost.Channel, Ct); // the acknowledgement changed updated_at: seen again, not sent again
        await orders.ProcessInboxAsync(Ct);

        var order = Assert.Single(warehouse.Orders).Value;
        Assert.Equal([("TEE-M", 2), ("MUG", 2)], order.Lines.Select(l => (l.Sku, (int)l.Quantity)));
        Assert.Equal(1, warehouse.SubmitCalls);
        Assert.Single(emulator.GetOrderComments(id));
    }

    [Fact]
    public async Task ReturnFlow_WmsReceiptWithTheRefundAnswerLostAndAServerError_OneCreditMemoOfTheReceivedUnitAndOneComment()
    {
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("SKU-A");
        emulator.SetSourceQuantity("SKU-A", "default", 10);
        var id = emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2, 25m)]);
        time.Advance(TimeSpan.FromMinutes(1));
        var warehouse = new FakeWarehouse();
        await using var provider = TestHost.ForEngine(emulator, time, warehouse, WmsPorts.OrderFlows, engine: RefundWhenReceived);
        var orders = provider.GetRequiredService<IOrderSync>();
        var fulfillment = provider.GetRequiredService<IFulfillmentSync>();
        await orders.PollAsync(TestHost.Channel, Ct);
        await orders.ProcessInboxAsync(Ct);
        var channel = provider.Magento();
        var line = (await channel.GetOrderAsync(Id(id), Ct))!.Lines[0].LineId;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(Id(id), [new FulfillmentLine(line, 2)], "s-1"), Ct);

        // The WMS received one unit back (restocked). The first refund is made but its answer is lost; the next try meets a 500.
        emulator.InjectFault(MagentoEmulatorFault.LostAnswer, path: "/refund");
        Assert.True(await fulfillment.PublishReturnReceiptAsync(new ReturnReceipt("rcpt-1", TestHost.Channel, Id(id), Id(id), [new ReturnReceiptLine("SKU-A", 1, restock: true)], time.GetUtcNow()), Ct));
        Assert.False(await fulfillment.PublishReturnReceiptAsync(new ReturnReceipt("rcpt-1", TestHost.Channel, Id(id), Id(id), [new ReturnReceiptLine("SKU-A", 1, restock: true)], time.GetUtcNow()), Ct));
        await fulfillment.ProcessOutboxAsync(Ct);
        emulator.InjectFault(MagentoEmulatorFault.InternalError, path: "/creditmemos");
        for (var i = 0; i < 20 && !emulator.GetOrderComments(id).Any(c => c.Contains("[connectors:return:rcpt-1]", StringComparison.Ordinal)); i++)
        {
            time.Advance(TimeSpan.FromMinutes(5));
            await fulfillment.ProcessOutboxAsync(Ct);
        }

        var memo = Assert.Single(emulator.GetCreditMemos(id));
        Assert.Equal(25m, memo.GrandTotal);
        Assert.Equal(1m, memo.Items.Values.Single());
        Assert.Single(emulator.GetOrderComments(id), c => c.Contains("[connectors:return:rcpt-1]", StringComparison.Ordinal));
        Assert.Equal(8m, emulator.GetSourceQuantity("SKU-A", "default")); // 10 - 2 shipped; the unit is not put back by the memo: the WMS's level, which counts it, is pushed (RestockAddsStock)
        Assert.Equal(1, emulator.Requests.Count(r => r.Path.EndsWith("/refund", StringComparison.Ordinal))); // its answer lost; the retries found it by its marker
    }

    [Fact]
    public async Task StockMoves_OrderPlacedShippedCancelledAndReturnedWithAndWithoutRestock_SalableEqualsTheWmsAvailableToSellAfterEach()
    {
        // Issue 18/21: Magento moves its own stock (reservations on placing, source deduction on shipping, compensation on
        // cancelling, source increase on a credit memo with return_to_stock_items). After each step the WMS's figure is
        // recorded and dispatched as a host would, and the store must sell exactly the WMS's available-to-sell.
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("SKU-A", price: 25m);
        var warehouse = new FakeWarehouse();
        await using var provider = TestHost.ForEngine(emulator, time, warehouse, WmsPorts.OrderFlows, engine: RefundWhenReceived);
        var inventory = provider.GetRequiredService<IInventorySync>();
        var orders = provider.GetRequiredService<IOrderSync>();
        var fulfillment = provider.GetRequiredService<IFulfillmentSync>();
        var channel = provider.Magento();

        async Task WmsAsync(int onHand, int reserved, string step)
        {
            await inventory.RecordStockLevelsAsync([new StockLevel("SKU-A", InventoryTarget.DefaultLocation, onHand, reserved)], Ct);
            await inventory.DispatchAsync(TestHost.Channel, Ct);
            Assert.True(onHand - reserved == emulator.GetSalableQuantity("SKU-A"), $"{step}: the store sells {emulator.GetSalableQuantity("SKU-A")}, the WMS has {onHand - reserved} available");
        }

        async Task PollAsync()
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await orders.PollAsync(TestHost.Channel, Ct);
            await orders.ProcessInboxAsync(Ct);
        }

        async Task ReturnAsync(long order, string receipt, bool restock, string step, int available)
        {
            var line = new ReturnReceiptLine("SKU-A", 1, restock);
            Assert.True(await fulfillment.PublishReturnReceiptAsync(new ReturnReceipt(receipt, TestHost.Channel, Id(order), Id(order), [line], time.GetUtcNow()), Ct));
            await fulfillment.ProcessOutboxAsync(Ct);
            Assert.Contains(emulator.GetCreditMemos(order), m => m.Comments.Any(c => c.Contains(receipt, StringComparison.Ordinal)));
            await inventory.DispatchAsync(TestHost.Channel, Ct); // nothing changed in the WMS: nothing to push
            Assert.True(available == emulator.GetSalableQuantity("SKU-A"), $"{step}: the store sells {emulator.GetSalableQuantity("SKU-A")}, the WMS has {available} available");
        }

        await WmsAsync(10, 0, "start");

        var first = emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2, 25m)]);
        Assert.Equal(8m, emulator.GetSalableQuantity("SKU-A")); // Magento's reservation, before the WMS knows
        await PollAsync();
        await WmsAsync(10, 2, "placed");

        var line = (await channel.GetOrderAsync(Id(first), Ct))!.Lines[0].LineId;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(Id(first), [new FulfillmentLine(line, 2)], "s-1"), Ct);
        Assert.Equal(8m, emulator.GetSalableQuantity("SKU-A")); // source -2, reservation compensated
        await WmsAsync(8, 0, "shipped");

        var second = emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3, 25m)]);
        await PollAsync();
        await WmsAsync(8, 3, "second placed");
        emulator.CancelOrder(second);
        await PollAsync();
        Assert.Contains((TestHost.Channel, Id(second)), warehouse.Cancelled);
        await WmsAsync(8, 0, "cancelled");

        // One unit comes back sound: the WMS counts it (9) and its level is pushed; the credit memo must not put it on
        // the source again (MSI's return_to_stock_items would make it 10).
        await WmsAsync(9, 0, "returned, WMS level first");
        await ReturnAsync(first, "rcpt-1", restock: true, "refunded with restock", 9);

        // The other unit comes back damaged: not restocked anywhere.
        await ReturnAsync(first, "rcpt-2", restock: false, "refunded without restock", 9);
        Assert.Equal(9m, emulator.GetSourceQuantity("SKU-A", "default"));
    }

    [Fact]
    public async Task ListingHealth_MagentoStore_ReportsUnknownDiscontinuedActiveAndStockedButDisabled()
    {
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        foreach (var sku in new[] { "OK", "STRANGER", "OLD", "OFF" })
        {
            emulator.AddProduct(sku);
            emulator.SetSourceQuantity(sku, "default", 3);
        }

        emulator.SetProductEnabled("OFF", false);
        var warehouse = new FakeWarehouse();
        warehouse.AddItems("OK", "OLD", "OFF");
        warehouse.SetDiscontinued(true, "OLD");
        warehouse.SetStock(
            new StockLevel("OK", InventoryTarget.DefaultLocation, 5, 0),
            new StockLevel("OLD", InventoryTarget.DefaultLocation, 2, 0),
            new StockLevel("OFF", InventoryTarget.DefaultLocation, 4, 0));
        await using var provider = TestHost.ForEngine(emulator, time, warehouse, WmsPorts.Inventory | WmsPorts.ItemCatalog);

        var report = await provider.GetRequiredService<IListingHealth>().GetReportAsync(TestHost.Channel, Ct).ToListAsync(Ct);

        Assert.Equal(ListingProblems.None, report.Single(e => e.Listing?.ChannelItemId == "OK").Problems);
        Assert.Equal(ListingProblems.UnknownSku, report.Single(e => e.Listing?.ChannelItemId == "STRANGER").Problems);
        Assert.Equal(ListingProblems.DiscontinuedActive, report.Single(e => e.Listing?.ChannelItemId == "OLD").Problems);
        Assert.Equal(ListingStatus.Inactive, report.Single(e => e.Listing?.ChannelItemId == "OFF").Listing!.Status);
        var stocked = Assert.Single(report, e => e.Listing is null);
        Assert.Equal((ListingProblems.StockedNotListed, "OFF"), (stocked.Problems, Assert.Single(stocked.WarehouseSkus)));
    }

    /// <summary>
    /// Through the engine's listing health, opted in to both actions: the discontinued item's product is disabled, the
    /// current item's sold-out product (stock managed, source quantity zero) stays enabled and is a Retry until the inventory
    /// flow pushes the warehouse level, the disabled product with stock is left alone, and after the push the next run finds
    /// nothing more to do.
    /// </summary>
    [Fact]
    public async Task ListingHealth_ApplyActionsOptedIn_DiscontinuedDisabledAndRestockedBackOnSaleAfterThePush()
    {
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("OLD");
        emulator.SetSourceQuantity("OLD", "default", 6);
        emulator.AddProduct("EMPTY");
        emulator.SetSourceQuantity("EMPTY", "default", 0);
        emulator.AddProduct("OFF");
        emulator.SetSourceQuantity("OFF", "default", 9);
        emulator.SetProductEnabled("OFF", false);
        var warehouse = new FakeWarehouse();
        warehouse.AddItems("OLD", "EMPTY", "OFF");
        warehouse.SetDiscontinued(true, "OLD");
        warehouse.SetStock(
            new StockLevel("OLD", InventoryTarget.DefaultLocation, 6, 0),
            new StockLevel("EMPTY", InventoryTarget.DefaultLocation, 4, 0),
            new StockLevel("OFF", InventoryTarget.DefaultLocation, 9, 0));
        await using var provider = TestHost.ForEngine(
            emulator,
            time,
            warehouse,
            WmsPorts.Inventory | WmsPorts.ItemCatalog,
            connectors: c => c.ConfigureListingHealth(o => o.Channels[TestHost.Channel] = new ListingActionOptions { DeactivateDiscontinued = true, ReactivateWhenStocked = true }));
        var health = provider.GetRequiredService<IListingHealth>();

        var done = await health.ApplyActionsAsync(TestHost.Channel, Ct);

        Assert.Equal([("OLD", PushOutcome.Applied)], done.Deactivated.Select(r => (r.ChannelItemId, r.Outcome)));
        var reactivated = Assert.Single(done.Reactivated);
        Assert.Equal(("EMPTY", PushOutcome.Retry), (reactivated.ChannelItemId, reactivated.Outcome));
        Assert.Equal((false, true, false), (emulator.IsProductEnabled("OLD", "all"), emulator.IsProductEnabled("EMPTY", "all"), emulator.IsProductEnabled("OFF", "all")));

        var sync = provider.GetRequiredService<IInventorySync>();
        await sync.RecordStockLevelsAsync([new StockLevel("EMPTY", InventoryTarget.DefaultLocation, 4, 0)], Ct);
        await sync.DispatchAsync(TestHost.Channel, Ct);
        var again = await health.ApplyActionsAsync(TestHost.Channel, Ct);

        Assert.Equal(4m, emulator.GetSalableQuantity("EMPTY"));
        Assert.Empty(again.DiscontinuedActiveListings);
        Assert.Empty(again.RestockedSoldOutListings);
        Assert.Equal(1, emulator.ProductSaves); // OLD once; EMPTY was enabled already, OFF never touched
    }

    [Fact]
    public async Task InventoryFlow_OrderShipsWhileItsLevelIsPushed_StoreSellsTheAvailableToSellWithoutAnotherWmsChange()
    {
        // The crash-restart finding at the engine's level: the WMS holds 10 with a Magento order of 2 reserved and its
        // level is dispatched; the order ships between the connector's reservation read and its source write. Shipping
        // leaves the WMS's available-to-sell at 8, so this dispatch is the only one: it must leave the store selling 8.
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("SKU-A");
        emulator.SetSourceQuantity("SKU-A", "default", 10);
        var order = emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        var shipped = 0;
        emulator.BeforeHandling = r =>
        {
            if (r is { Method: "POST", Path: "/V1/inventory/source-items" } && Interlocked.Exchange(ref shipped, 1) == 0)
            {
                emulator.ShipOrder(order);
            }
        };
        await using var provider = TestHost.ForEngine(emulator, time, new FakeWarehouse(), WmsPorts.Inventory);
        var sync = provider.GetRequiredService<IInventorySync>();

        await sync.RecordStockLevelsAsync([new StockLevel("SKU-A", InventoryTarget.DefaultLocation, 10, 2)], Ct);
        var result = await sync.DispatchAsync(TestHost.Channel, Ct);

        Assert.Equal(1, result.Applied);
        Assert.Equal(1, emulator.GetShipmentCount(order));
        Assert.Equal(8m, emulator.GetSalableQuantity("SKU-A"));
        await sync.RecordStockLevelsAsync([new StockLevel("SKU-A", InventoryTarget.DefaultLocation, 8, 0)], Ct); // the WMS ships it: 8 on hand, 0 reserved
        Assert.Equal(0, (await sync.DispatchAsync(TestHost.Channel, Ct)).Applied); // nothing changed to push
        Assert.Equal(8m, emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task Reconciliation_StoreSellsMoreThanTheWms_DriftFoundAndWrittenBack()
    {
        // Should a source quantity end above what was pushed (an admin's edit, or a write the push could not check), the
        // reconciliation sees it: the connector reads the source less the open reservations and compares that with what the
        // engine pushed, and the repair pushes it again with the reservations of the moment.
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("SKU-A");
        emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        await using var provider = TestHost.ForEngine(emulator, time, new FakeWarehouse(), WmsPorts.Inventory);
        var sync = provider.GetRequiredService<IInventorySync>();
        await sync.RecordStockLevelsAsync([new StockLevel("SKU-A", InventoryTarget.DefaultLocation, 10, 2)], Ct);
        await sync.DispatchAsync(TestHost.Channel, Ct);
        emulator.SetSourceQuantity("SKU-A", "default", 12); // the store now sells 10

        var report = await provider.GetRequiredService<IReconciler>().ReconcileAsync(new ReconciliationRequest(TestHost.Channel) { Orders = false }, Ct);
        await sync.DispatchAsync(TestHost.Channel, Ct);

        var drift = Assert.Single(report.Differences);
        Assert.Equal(ReconciliationDifferenceKind.InventoryDrift, drift.Kind);
        Assert.True(drift.Repaired);
        Assert.Equal(8m, emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(10m, emulator.GetSourceQuantity("SKU-A", "default"));
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    private static void RefundWhenReceived(ConnectorsOptions o) => o.Orders.RefundOnReturn = Connectors.Orders.ReturnRefundPolicy.WhenReceived;

    [Fact]
    public async Task PriceFlow_OneSkuUnknownToMagento_DeadLetteredWithMagentosReasonAndTheOtherShown()
    {
        var time = NewClock();
        await using var emulator = await MagentoEmulator.StartAsync(time, Ct);
        emulator.AddProduct("SKU-A", price: 10m);
        await using var provider = TestHost.ForEngine(emulator, time);
        var prices = provider.GetRequiredService<IPriceSync>();

        await prices.RecordPricesAsync(
            [new BasePrice { Sku = "SKU-A", Price = new Money(19.99m, "EUR") }, new BasePrice { Sku = "GONE", Price = new Money(5m, "EUR") }], Ct);
        var result = await prices.DispatchAsync(TestHost.Channel, Ct);

        Assert.Equal((1, 1), (result.Applied, result.Rejected));
        Assert.Equal(19.99m, emulator.GetFinalPrice("SKU-A"));
        var letter = Assert.Single(await provider.GetRequiredService<IDeadLetters>().ListAsync(TestHost.Channel, ConnectorFlows.Prices, Ct).ToListAsync(Ct));
        Assert.Contains("GONE", letter.Payload, StringComparison.Ordinal);
        Assert.Contains("Invalid attribute %fieldName = %fieldValue. [SKU, GONE]", letter.Reason, StringComparison.Ordinal);
    }
}

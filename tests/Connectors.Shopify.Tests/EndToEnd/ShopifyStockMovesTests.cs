using Connectors.Orders;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Connectors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Issue 18 for Shopify: the shop moves stock itself (an order commits its units at once, paid or not; a cancellation
/// restocks; a return processed as RESTOCKED adds units) while the engine pushes the WMS's available-to-sell. Each scenario
/// runs the engine against the emulator with <see cref="ShopifyEmulatorOptions.OrdersMoveStock"/> and checks after every
/// step, and by sampling the shop meanwhile, that the shop never shows more than the WMS's available-to-sell and shows
/// exactly that at the end.
/// </summary>
public sealed class ShopifyStockMovesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OrderPlacedPaid_ShopShowsTheWmsLevel()
    {
        await using var s = await Scenario.StartAsync(40);
        await s.Shop.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "A", Quantity = 2, UnitPrice = 10m }], cancellationToken: Ct); // Shopify commits 2 at once: 38
        s.Ceiling = 38;
        Assert.Equal(2, s.Shop.GetCommitted(s.Item, s.Location));
        s.Check();
        await s.EngineAsync();

        s.Expect(38);
        Assert.Equal(38, await s.WmsFreeAsync());
    }

    [Fact]
    public async Task OrderPlacedUnpaidThenPaid_ShopShowsTheWmsLevel()
    {
        // Unlike WooCommerce, Shopify commits an unpaid order's units at once, so the payment moves nothing.
        await using var s = await Scenario.StartAsync(40);
        var order = await s.Shop.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "A", Quantity = 2, UnitPrice = 10m }], cancellationToken: Ct);
        s.Shop.SetFinancialStatus(order, "PENDING");
        s.Ceiling = 38;
        await s.EngineAsync();
        s.Expect(38); // held until paid (default release rules); the oversell window keeps the 2 units off
        Assert.Empty(s.Wms.Orders);

        s.Shop.SetFinancialStatus(order, "PAID");
        await s.EngineAsync();

        Assert.Single(s.Wms.Orders);
        s.Expect(38);
        Assert.Equal(38, await s.WmsFreeAsync());
    }

    [Fact]
    public async Task ReturnReceivedWithoutRestock_ShopShowsTheWmsLevel()
    {
        await using var s = await Scenario.StartAsync(20);
        var order = await s.Shop.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "A", Quantity = 1, UnitPrice = 10m }], cancellationToken: Ct);
        s.Ceiling = 19;
        await s.EngineAsync();
        s.Expect(19);

        // Returned damaged: the WMS receives it without putting it back to stock, and the shop must not either.
        var returnId = s.Shop.RequestReturn(order);
        await s.ReceiveReturnAsync(order, returnId, "RCPT-2", restock: false);
        Assert.Equal(["NOT_RESTOCKED:1"], s.Shop.GetReturnDispositions(returnId));
        await s.EngineAsync();

        s.Expect(19);
    }

    [Fact]
    public async Task CancelledAfterTheWmsAccepted_ShopShowsTheWmsLevel()
    {
        await using var s = await Scenario.StartAsync(50);
        var order = await s.Shop.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "A", Quantity = 3, UnitPrice = 10m }], cancellationToken: Ct);
        s.Ceiling = 47;
        await s.EngineAsync();
        s.Expect(47);

        // The shop restocks the 3 units at once; the engine cancels in the WMS, which gives them back too.
        s.Ceiling = 50;
        await s.Shop.CancelOrderAsync(order, Ct);
        await s.EngineAsync();
        s.Wms.SetStock(new StockLevel(s.Item, "WH1", 50));
        await s.PublishAsync();

        s.Expect(50);
        Assert.Equal(50, await s.WmsFreeAsync());
    }

    [Fact]
    public async Task ReturnReceivedWithRestock_ConfirmedWithoutShopifysRestock_ShopShowsTheWmsLevel()
    {
        await using var s = await Scenario.StartAsync(84);
        var order = await s.Shop.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "A", Quantity = 1, UnitPrice = 10m }], cancellationToken: Ct);
        s.Ceiling = 83;
        await s.EngineAsync();
        s.Expect(83);

        // Shipped, returned and received: the WMS counts the unit again (84) and the engine pushes that.
        var returnId = s.Shop.RequestReturn(order);
        s.Ceiling = 84;
        s.Wms.SetStock(new StockLevel(s.Item, "WH1", 84));
        await s.PublishAsync();
        s.Expect(84);
        await s.ReceiveReturnAsync(order, returnId, "RCPT-1", restock: true);
        var letters = await s.Services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: Ct).ToListAsync(Ct);
        Assert.True(s.Shop.GetReturnStatus(returnId) == "CLOSED", "the return was not processed: " + string.Join("; ", letters.Select(l => l.Reason))); // the connector processed the return
        s.Check();
        await s.EngineAsync();

        s.Expect(84); // before: 85, Shopify's RESTOCKED disposition on top of the WMS's 84
    }

    [Fact]
    public async Task OrderPlacedWhileNoConnectorRan_ReconciliationDoesNotUndoTheShopsCommitment()
    {
        await using var s = await Scenario.StartAsync(66);

        // No connector runs: Shopify commits the unit (65), nobody polls.
        await s.Shop.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "A", Quantity = 1, UnitPrice = 10m }], cancellationToken: Ct);
        s.Ceiling = 65;
        s.Time.Advance(TimeSpan.FromMinutes(1));

        // The first pass after the restart: reconciliation, then the dispatcher, then the inbox.
        var report = await s.Services.GetRequiredService<IReconciler>().ReconcileAsync(new ReconciliationRequest(ShopifyTestHost.ChannelName), Ct);
        await s.DispatchAsync();
        s.Check(); // before: 66 pushed over the shop's 65 ("repairing" the drift before the missed order was processed)
        Assert.Contains(report.Differences, d => d.Kind == ReconciliationDifferenceKind.MissedOrder);
        await s.EngineAsync();

        s.Expect(65);
        Assert.Equal(65, await s.WmsFreeAsync());
    }

    /// <summary>One variant on the emulated shop (which moves stock as Shopify does), the engine on a fake clock and a fake WMS, and a sampler of the shop's level.</summary>
    private sealed class Scenario(ShopifyEmulator shop, FakeTimeProvider time, string item, string location, FakeWarehouse wms, ServiceProvider services, int stock)
        : StockMovesScenario(ShopifyTestHost.ChannelName, time, item, wms, services, stock)
    {
        public ShopifyEmulator Shop { get; } = shop;

        /// <summary>The InventoryItem GID, also the WMS SKU (no mapping profile: identity).</summary>
        public string Item => Sku;

        public string Location { get; } = location;

        public static async Task<Scenario> StartAsync(int stock)
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
            var shop = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { TimeProvider = time, OrdersMoveStock = true }.UsePlan(ShopifyEmulatorPlan.Plus), Ct);
            var location = shop.AddLocation("Main");
            var item = shop.AddVariant("A", stock, location).InventoryItemId;
            var wms = new FakeWarehouse { ReserveOnSubmit = true };
            wms.SetStock(new StockLevel(item, "WH1", stock));
            var services = ShopifyTestHost.Build(
                shop.BaseAddress,
                time: time,
                after: s =>
                {
                    s.AddSingleton<IWarehouseInventory>(wms);
                    s.AddSingleton<IWarehouseOrders>(wms);
                    s.AddSingleton<IWarehouseReturns>(wms);
                    s.AddConnectors(o =>
                    {
                        o.Orders.AcknowledgeOrders = false;
                        var channel = new Connectors.Inventory.ChannelInventoryOptions();
                        channel.Locations.Add(new() { WarehouseLocation = "WH1", ChannelLocation = location });
                        o.Inventory.Channels[ShopifyTestHost.ChannelName] = channel;
                    });
                });
            var scenario = new Scenario(shop, time, item, location, wms, services, stock);
            await scenario.SyncAndSampleAsync(stock);
            return scenario;
        }

        /// <summary>The WMS's receipt of one unit of the order's first line, published to the engine and sent to the shop.</summary>
        public async Task ReceiveReturnAsync(string order, string returnId, string receipt, bool restock)
        {
            var line = (await Services.Channel().GetOrderAsync(order, Ct))!.Lines[0].LineId;
            await Services.GetRequiredService<IConnectorEvents>().PublishReturnReceiptAsync(
                new ReturnReceipt(receipt, ShopifyTestHost.ChannelName, returnId, order, [new ReturnReceiptLine(Item, 1, restock, channelLineId: line)], Time.GetUtcNow()), Ct);
            await Services.GetRequiredService<IFulfillmentSync>().ProcessOutboxAsync(Ct);
        }

        protected override int? Shown() => Shop.GetAvailable(Item, Location);

        protected override ValueTask DisposeShopAsync() => Shop.DisposeAsync();
    }
}

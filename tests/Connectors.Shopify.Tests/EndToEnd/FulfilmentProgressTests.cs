using Connectors.Shopify.Tests.Internal;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// A Shopify order through the engine while it is shipped, part by the WMS (through the fulfilment flow) and part by the
/// merchant on the shop: each fulfilment moves the order's updatedAt and its fulfilment status, and the engine reads
/// every version, but none of them is an order change for the WMS. Seen in the SAP EWM chaos run: a fulfilled order
/// re-sent to the WMS as an update with no lines, which the SAP EWM adapter refuses.
/// </summary>
public sealed class FulfilmentProgressTests
{
    [Fact]
    public async Task Poll_OrderShippedByTheWmsAndPartlyByTheMerchant_NoWarehouseUpdate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        emulator.AddVariant("SKU-2");
        var warehouse = new ScriptedWarehouse();
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, before: s => s.AddSingleton<IWarehouseOrders>(warehouse));
        var orders = services.GetRequiredService<IOrderSync>();
        var fulfilment = services.GetRequiredService<IFulfillmentSync>();
        var store = services.GetRequiredService<ISyncStateStore>();
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 5m }, new ShopifyEmulatorLine { Sku = "SKU-2", Quantity = 1, UnitPrice = 5m }],
            cancellationToken: ct);
        await SyncAsync();
        var lines = warehouse.Inner.Orders[(ShopifyTestHost.ChannelName, orderId)].Lines;

        // The WMS ships one unit of SKU-1; the merchant ships SKU-2 by hand; the WMS ships the last unit.
        await ShipAsync("S-1", lines[0], 1);
        await SyncAsync();
        emulator.FulfillOnShop(orderId, "SKU-2", 1);
        await SyncAsync();
        await ShipAsync("S-2", lines[0], 1);
        await SyncAsync();

        Assert.Equal(["submit " + orderId], warehouse.Calls);
        Assert.Empty(await store.ListDeadLettersAsync(null, ct).ToListAsync(ct));
        var record = await store.GetOrderRecordAsync(ShopifyTestHost.ChannelName, orderId, ct);
        Assert.Equal(OrderRecordStatus.Submitted, record!.Status);
        Assert.Equal(FulfillmentStatus.Fulfilled, (await services.Channel().GetOrderAsync(orderId, ct))!.FulfillmentStatus);
        Assert.Equal([2m, 1m], warehouse.Inner.Orders[(ShopifyTestHost.ChannelName, orderId)].Lines.Select(l => l.Quantity));

        async Task SyncAsync()
        {
            await orders.PollAsync(ShopifyTestHost.ChannelName, ct);
            var pass = await orders.ProcessInboxAsync(ct);
            Assert.Equal(0, pass.DeadLettered);
        }

        async Task ShipAsync(string id, WarehouseOrderLine line, int quantity)
        {
            await fulfilment.PublishShipmentAsync(
                new WarehouseShipment(id, ShopifyTestHost.ChannelName, orderId, [new WarehouseShipmentLine(line.Sku, quantity, line.ChannelLineId)], DateTimeOffset.UtcNow),
                ct);
            var pass = await fulfilment.ProcessOutboxAsync(ct);
            Assert.Equal(0, pass.DeadLettered);
        }
    }

    /// <summary>
    /// Fulfilment-service mode: the order is the part assigned to the service, and its shipments (the WMS's through the
    /// connector, or the service's own on the shop) are progress, not a change. The engine reads the order again on
    /// every poll and on an order event (webhook, reconciliation); none of those reads may reach the WMS as an update.
    /// The service closes its partly shipped fulfilment order as incomplete and the merchant requests the rest again: the
    /// new request's fulfilment order holds only the units left, so read alone it is a smaller order (it was sent to the
    /// WMS as an update with SKU-1 x1 before the fix).
    /// </summary>
    [Fact]
    public async Task ServiceMode_OrderShippedInPartsByTheWmsAndTheService_NoWarehouseUpdate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        var merchant = emulator.AddLocation("Shop floor");
        emulator.AddVariant("SKU-1", 5, merchant);
        emulator.AddVariant("SKU-2", 5, merchant);
        var warehouse = new ScriptedWarehouse();
        await using var services = ShopifyTestHost.Build(
            emulator.BaseAddress,
            configure: o => { o.FulfillmentServiceMode = true; o.FulfillmentServiceName = "Acme WMS"; },
            after: s => s.AddSingleton<IWarehouseOrders>(warehouse));
        var orders = services.GetRequiredService<IOrderSync>();
        var fulfilment = services.GetRequiredService<IFulfillmentSync>();
        var store = services.GetRequiredService<ISyncStateStore>();
        var service = await services.Channel().EnsureFulfillmentServiceAsync(ct);
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 3, UnitPrice = 5m }, new ShopifyEmulatorLine { Sku = "SKU-2", Quantity = 1, UnitPrice = 5m }],
            cancellationToken: ct);
        emulator.SubmitFulfillmentRequest(orderId, service.LocationId);
        await SyncAsync(1);
        Assert.Equal(["ACCEPTED"], emulator.GetFulfillmentOrderRequestStatuses(orderId).Distinct());
        var lines = warehouse.Inner.Orders[(ShopifyTestHost.ChannelName, orderId)].Lines;

        // The WMS ships two units of SKU-1; the service closes the fulfilment order as incomplete and the merchant asks
        // for the rest again; the service ships SKU-2 on the shop itself; the WMS ships the last unit.
        await ShipAsync("S-1", lines[0], 2);
        await SyncAsync(2);
        var shown = await services.Channel().GetOrderAsync(orderId, ct);
        Assert.Equal([("SKU-1", 3, 2), ("SKU-2", 1, 0)], shown!.Lines.Select(l => (l.Sku!, l.Quantity, l.FulfilledQuantity)));
        Assert.Equal(1, emulator.CloseFulfillmentOrdersIncomplete(orderId));
        emulator.SubmitFulfillmentRequest(orderId, service.LocationId);
        await SyncAsync(3);
        Assert.Equal(["submit " + orderId], warehouse.Calls);
        var listed = Assert.Single(await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow, ct).ToListAsync(ct));
        Assert.Equal([("SKU-1", 3, 2), ("SKU-2", 1, 0)], listed.Lines.Select(l => (l.Sku!, l.Quantity, l.FulfilledQuantity)));
        emulator.FulfillOnShop(orderId, "SKU-2", 1);
        await SyncAsync(4);
        await ShipAsync("S-2", lines[0], 1);
        await SyncAsync(5);

        Assert.Equal(["submit " + orderId], warehouse.Calls);
        Assert.Empty(await store.ListDeadLettersAsync(null, ct).ToListAsync(ct));
        Assert.Equal(OrderRecordStatus.Submitted, (await store.GetOrderRecordAsync(ShopifyTestHost.ChannelName, orderId, ct))!.Status);
        Assert.Equal(3, emulator.GetFulfillmentCount(orderId));
        Assert.DoesNotContain("SUBMITTED", emulator.GetFulfillmentOrderRequestStatuses(orderId));
        Assert.Equal([3m, 1m], warehouse.Inner.Orders[(ShopifyTestHost.ChannelName, orderId)].Lines.Select(l => l.Quantity));

        // A poll (the pending requests), then the order read by id as a webhook or reconciliation has it read.
        async Task SyncAsync(int round)
        {
            await orders.PollAsync(ShopifyTestHost.ChannelName, ct);
            Assert.Equal(0, (await orders.ProcessInboxAsync(ct)).DeadLettered);
            await orders.AcceptAsync(
                new OrderChannelEvent
                {
                    Channel = ShopifyTestHost.ChannelName,
                    DeliveryId = "event-" + round.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    OccurredAt = DateTimeOffset.UtcNow,
                    Kind = OrderEventKind.Updated,
                    OrderId = orderId,
                },
                ct);
            Assert.Equal(0, (await orders.ProcessInboxAsync(ct)).DeadLettered);
        }

        async Task ShipAsync(string id, WarehouseOrderLine line, int quantity)
        {
            await fulfilment.PublishShipmentAsync(
                new WarehouseShipment(id, ShopifyTestHost.ChannelName, orderId, [new WarehouseShipmentLine(line.Sku, quantity, line.ChannelLineId)], DateTimeOffset.UtcNow),
                ct);
            Assert.Equal(0, (await fulfilment.ProcessOutboxAsync(ct)).DeadLettered);
        }
    }
}

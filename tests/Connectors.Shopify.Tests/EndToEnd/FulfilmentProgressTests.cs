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
}

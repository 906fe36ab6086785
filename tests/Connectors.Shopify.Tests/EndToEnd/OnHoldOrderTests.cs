using Connectors.Shopify.Tests.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Issue 17 defect 12: an order whose fulfilment orders are ON_HOLD is not released to the WMS. Schema,
/// FulfillmentOrderStatus.ON_HOLD: "The fulfillment order is on hold. The fulfillment process can't be initiated until
/// the hold on the fulfillment order is released." OrderDisplayFulfillmentStatus.ON_HOLD: "All of the unfulfilled items
/// in this order are on hold."
/// </summary>
public sealed class OnHoldOrderTests
{
    [Fact]
    public async Task Poll_FulfillmentOrderOnHold_OrderHeldUntilTheMerchantReleasesTheHold()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var warehouse = new ScriptedWarehouse();
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, after: s => s.AddSingleton<IWarehouseOrders>(warehouse));
        var sync = services.GetRequiredService<IOrderSync>();
        var location = emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1", 5, location);
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 9m,
        }], cancellationToken: ct);
        emulator.SetFulfillmentOrderStatus(orderId, location, "ON_HOLD");

        await sync.PollAsync(ShopifyTestHost.ChannelName, ct);
        await sync.ProcessInboxAsync(ct);

        Assert.Empty(warehouse.Inner.Orders);
        Assert.Equal(OrderRecordStatus.Held, (await services.GetRequiredService<ISyncStateStore>().GetOrderRecordAsync(ShopifyTestHost.ChannelName, orderId, ct))!.Status);
        Assert.Contains("wms-received-hold", emulator.GetOrderTags(orderId));

        // The merchant releases the hold: the order changes on the shop and the next poll releases it.
        emulator.SetFulfillmentOrderStatus(orderId, location, "OPEN");
        await sync.PollAsync(ShopifyTestHost.ChannelName, ct);
        await sync.ProcessInboxAsync(ct);

        var released = Assert.Single(warehouse.Inner.Orders.Values);
        Assert.Equal(orderId, released.ChannelOrderId);
        Assert.Equal(2m, Assert.Single(released.Lines).Quantity);
    }

    [Fact]
    public async Task GetOrder_OneOfTwoFulfillmentOrdersOnHold_OrderIsOnHoldWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var east = emulator.AddLocation("East");
        var west = emulator.AddLocation("West");
        emulator.AddVariant("SKU-E", 5, east);
        emulator.AddVariant("SKU-W", 5, west);
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SKU-E", Quantity = 1, UnitPrice = 9m, LocationId = east }, new ShopifyEmulatorLine
            {
                Sku = "SKU-W",
                Quantity = 1,
                UnitPrice = 9m,
                LocationId = west,
            }],
            cancellationToken: ct);
        var open = await services.Channel().GetOrderAsync(orderId, ct);
        emulator.SetFulfillmentOrderStatus(orderId, west, "ON_HOLD");

        var held = await services.Channel().GetOrderAsync(orderId, ct);

        Assert.Equal(ChannelOrderStatus.Open, open!.Status);
        Assert.Equal(ChannelOrderStatus.OnHold, held!.Status);
        Assert.True(held.UpdatedAt > open.UpdatedAt, "putting a fulfilment order on hold did not change the order's updatedAt");
    }
}

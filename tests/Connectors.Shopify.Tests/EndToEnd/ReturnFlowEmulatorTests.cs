using Connectors.Testing;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>A Shopify return through the engine: polled, expected by the WMS (not dead-lettered), received and processed.</summary>
public sealed class ReturnFlowEmulatorTests
{
    [Fact]
    public async Task ReturnFlow_PollExpectReceive_WmsExpectsOrderLinesAndShopifyRestocks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var warehouse = new FakeWarehouse();
        await using var services = ShopifyTestHost.Build(
            emulator.BaseAddress,
            before: s => s.AddSingleton<IWarehouseOrders>(warehouse).AddSingleton<IWarehouseReturns>(warehouse));
        var orders = services.GetRequiredService<IOrderSync>();
        var fulfillment = services.GetRequiredService<IFulfillmentSync>();
        var location = emulator.AddLocation("Main");
        var variant = emulator.AddVariant("SKU-R", 0, location);
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-R",
            Quantity = 3,
            UnitPrice = 20m,
        }], "EUR", ct);
        var returnId = emulator.RequestReturn(orderId);

        await orders.PollReturnsAsync(ShopifyTestHost.ChannelName, ct);
        var inbox = await orders.ProcessInboxAsync(ct);

        Assert.Equal(0, inbox.DeadLettered);
        var expected = Assert.Single(warehouse.ExpectedReturns);
        Assert.Equal(returnId, expected.ReturnId);
        var expectedLine = Assert.Single(expected.Lines);
        Assert.StartsWith("gid://shopify/LineItem/", expectedLine.OrderLineId, StringComparison.Ordinal);
        Assert.Equal(3, expectedLine.Quantity);

        await fulfillment.PublishReturnReceiptAsync(
            new ReturnReceipt("RCPT-9", ShopifyTestHost.ChannelName, returnId, orderId, [new ReturnReceiptLine(expectedLine.Sku, 3, restock: true, expectedLine.OrderLineId)], DateTimeOffset.UtcNow),
            ct);
        var outbox = await fulfillment.ProcessOutboxAsync(ct);

        Assert.Equal(0, outbox.DeadLettered);
        Assert.Equal("CLOSED", emulator.GetReturnStatus(returnId));
        Assert.Equal(["RESTOCKED:3"], emulator.GetReturnDispositions(returnId));
        Assert.Equal(3, emulator.GetAvailable(variant.InventoryItemId, location));
    }
}

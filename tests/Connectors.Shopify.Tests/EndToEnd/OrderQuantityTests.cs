using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>What reaches the warehouse from a Shopify order: the units still ordered, and only lines that ship.</summary>
public sealed class OrderQuantityTests
{
    [Fact]
    public async Task GetOrder_EditedLineAndGiftCard_CurrentQuantityAndOnlyLinesThatShip()
    {
        // Schema, LineItem.quantity: "The number of units ordered, including refunded and removed units."
        // LineItem.currentQuantity: "The number of units ordered, excluding refunded and removed units."
        // LineItem.requiresShipping: "Whether physical shipping is required for the variant."
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        emulator.AddVariant("SHIRT");
        emulator.AddVariant("GIFT-CARD");
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SHIRT", Quantity = 3, UnitPrice = 10m, RemovedQuantity = 1 }, new ShopifyEmulatorLine
            {
                Sku = "GIFT-CARD",
                Quantity = 1,
                UnitPrice = 25m,
                RequiresShipping = false,
            }],
            cancellationToken: ct);

        var order = await services.Channel().GetOrderAsync(orderId, ct);
        var listed = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).SingleAsync(ct);

        var line = Assert.Single(order!.Lines);
        Assert.Equal("SHIRT", line.Sku);
        Assert.Equal(2, line.Quantity);
        Assert.Equal(2, Assert.Single(listed.Lines).Quantity);
    }

    [Fact]
    public async Task GetOrder_UnitsFulfilledOnTheShop_OrderedUnitsWithTheFulfilledCount()
    {
        // Issue 17 item 12: an order partly shipped before the connector saw it sent its whole quantity again. The
        // channel says how many units are fulfilled; the engine leaves them out of the warehouse order.
        // Schema, LineItem.unfulfilledQuantity: "The number of units not yet fulfilled."
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        emulator.AddVariant("SHIRT");
        emulator.AddVariant("MUG");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SHIRT",
            Quantity = 3,
            UnitPrice = 10m,
        }, new ShopifyEmulatorLine
        {
            Sku = "MUG",
            Quantity = 2,
            UnitPrice = 8m,
        }], cancellationToken: ct);
        emulator.FulfillOnShop(orderId, "SHIRT", 1);
        emulator.FulfillOnShop(orderId, "MUG", 2);

        var order = await services.Channel().GetOrderAsync(orderId, ct);
        var listed = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).SingleAsync(ct);

        Assert.Equal([("SHIRT", 3, 1), ("MUG", 2, 2)], order!.Lines.Select(l => (l.Sku!, l.Quantity, l.FulfilledQuantity)));
        Assert.Equal([("SHIRT", 3, 1), ("MUG", 2, 2)], listed.Lines.Select(l => (l.Sku!, l.Quantity, l.FulfilledQuantity)));
        Assert.Equal(FulfillmentStatus.PartiallyFulfilled, order.FulfillmentStatus);
    }

    [Fact]
    public async Task GetOrder_PartShippedByTheConnectorAndByTheMerchant_QuantityStaysWhatWasOrdered()
    {
        // The WMS's own shipments and the merchant's must not shrink the order: the quantity is what was ordered, and
        // the fulfilled units are counted apart, so the engine sees no order change in them.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        emulator.AddVariant("SHIRT");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SHIRT",
            Quantity = 5,
            UnitPrice = 10m,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-1"), ct);

        var afterOurs = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];
        emulator.FulfillOnShop(orderId, "SHIRT", 1);
        var afterMerchant = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        Assert.Equal((5, 2), (afterOurs.Quantity, afterOurs.FulfilledQuantity));
        Assert.Equal((5, 3), (afterMerchant.Quantity, afterMerchant.FulfilledQuantity));
    }
}

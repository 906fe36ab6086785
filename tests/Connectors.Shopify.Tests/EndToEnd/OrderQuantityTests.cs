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
    public async Task GetOrder_UnitsFulfilledOnTheShopBeforeTheConnectorSawIt_OnlyTheUnitsLeftToFulfil()
    {
        // Issue 17 item 12: an order partly shipped before the connector saw it sent its whole quantity again.
        // Schema, FulfillmentOrderLineItem.remainingQuantity: "The number of units remaining to be fulfilled."
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

        var line = Assert.Single(order!.Lines);
        Assert.Equal(("SHIRT", 2), (line.Sku, line.Quantity));
        Assert.Equal(("SHIRT", 2), (Assert.Single(listed.Lines).Sku, listed.Lines[0].Quantity));
        Assert.Equal(FulfillmentStatus.PartiallyFulfilled, order.FulfillmentStatus);
    }

    [Fact]
    public async Task GetOrder_PartShippedByTheConnector_KeepsThoseUnitsAndSubtractsOnlyWhatTheMerchantShipped()
    {
        // The WMS's own shipments must not shrink the order it shipped from (the engine would send the WMS an update).
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

        var afterOurs = (await channel.GetOrderAsync(orderId, ct))!.Lines[0].Quantity;
        emulator.FulfillOnShop(orderId, "SHIRT", 1);
        var afterMerchant = (await channel.GetOrderAsync(orderId, ct))!.Lines[0].Quantity;

        Assert.Equal(5, afterOurs);
        Assert.Equal(4, afterMerchant);
    }
}

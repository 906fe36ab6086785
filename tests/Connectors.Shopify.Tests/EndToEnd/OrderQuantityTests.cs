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
}

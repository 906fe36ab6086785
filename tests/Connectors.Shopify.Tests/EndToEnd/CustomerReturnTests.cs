using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Returns a customer asked for: created REQUESTED, they must be approved before they can be processed.</summary>
public sealed class CustomerReturnTests
{
    [Fact]
    public async Task ConfirmReturn_RequestedByTheCustomer_ApprovedThenProcessed()
    {
        // Schema, returnApproveRequest: "Approves a customer's return request. If this mutation is successful, then the
        // Return.status field of the approved return is set to OPEN." The emulator refuses returnProcess before (INVALID_STATE).
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var location = emulator.AddLocation("Main");
        var variant = emulator.AddVariant("SKU-1", 0, location);
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 5m,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-1"), ct);
        var returnId = emulator.RequestCustomerReturn(orderId);

        await channel.ConfirmReturnAsync(new ReturnConfirmation(returnId, [new ReturnLine(line.LineId, 2)], restock: true, refund: false, "RCPT-1"), ct);

        Assert.Equal("CLOSED", emulator.GetReturnStatus(returnId));
        Assert.Equal(["RESTOCKED:2"], emulator.GetReturnDispositions(returnId));
        Assert.Equal(2, emulator.GetAvailable(variant.InventoryItemId, location));
    }
}

using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.Contracts;

/// <summary>
/// Every GraphQL request the channel really sends (document + variables, captured by the emulator) validates against the
/// published SDL of the pinned version, and every embedded document is among them: the order-channel scenario (with one
/// line per page, so the line-item follow-up queries run), the fulfilment-service scenario a fulfilment of 12 lines
/// (its lines paged, its fulfilment order scheduled and opened first) a customer-requested return and a price push together send them all.
/// </summary>
public sealed class SentDocumentsTests
{
    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task SendAsync_EveryOperationTheChannelSends_ValidatesAgainstTheSchema(string version)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o => o.OrderLinesPageSize = 1))
        {
            await ChannelScenario.RunAsync(emulator, services.Channel(), ct);
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o => o.FulfillmentServiceMode = true))
        {
            await FulfillmentServiceScenario.RunAsync(emulator, services.Channel(), ct);
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version))
        {
            // A fulfilment of more lines than the first page of fulfillmentLineItems: its lines are paged with Fulfillment.
            var channel = services.Channel();
            var skus = Enumerable.Range(0, 12).Select(i => "PAGED-" + i).ToArray();
            foreach (var sku in skus)
            {
                emulator.AddVariant(sku);
            }

            // Its fulfilment order is SCHEDULED: the shipment opens it (FulfillmentOrderOpen) before fulfilling it.
            var location = emulator.AddLocation("Paged");
            var orderId = await emulator.CreateOrderAsync([.. skus.Select(s => new ShopifyEmulatorLine
            {
                Sku = s,
                Quantity = 1,
                UnitPrice = 1m,
                LocationId = location,
            })], cancellationToken: ct);
            emulator.SetFulfillmentOrderStatus(orderId, location, "SCHEDULED");
            var order = (await channel.GetOrderAsync(orderId, ct))!;
            await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [.. order.Lines.Select(l => new FulfillmentLine(l.LineId, 1))], "SHIP-PAGED"), ct);
            Assert.Equal(12, Assert.Single(await channel.ListFulfillmentsAsync(orderId, ct)).Lines.Count);

            // A return the customer requested is approved (ReturnApproveRequest) before it is processed.
            var returnId = emulator.RequestCustomerReturn(orderId);
            await channel.ConfirmReturnAsync(new ReturnConfirmation(returnId, [.. order.Lines.Select(l => new ReturnLine(l.LineId, 1))], restock: false, refund: false, "RCPT-PAGED"), ct);
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version))
        {
            // Prices: the shop's currency, the item's variants, then productVariantsBulkUpdate (with and without a compare-at price).
            var variant = emulator.AddVariant("PRICED");
            var price = new ChannelPrice { Amount = new Money(19.99m, "EUR"), CompareAt = new Money(24.99m, "EUR") };
            var results = await services.Channel().PushPricesAsync([new PriceTarget { ChannelItemId = variant.InventoryItemId, Price = price }], ct);
            Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
            await services.Channel().PushPricesAsync([new PriceTarget { ChannelItemId = variant.InventoryItemId, Price = new ChannelPrice { Amount = new Money(24.99m, "EUR") } }], ct);
        }

        var requests = emulator.Requests;
        Assert.Equal(GraphDocuments.All.OrderBy(x => x), requests.Select(r => r.OperationName!).Distinct().OrderBy(x => x));
        Assert.All(requests, r => Assert.Equal(version, r.ApiVersion));
        foreach (var request in requests.DistinctBy(r => r.OperationName + r.VariablesJson))
        {
            var errors = await ShopifySchemas.ValidateAsync(version, request.Query, request.VariablesJson);
            Assert.True(errors.Count == 0, $"{request.OperationName} with {request.VariablesJson}: {string.Join(" | ", errors)}");
        }
    }
}

using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.Contracts;

/// <summary>
/// Every GraphQL request the channel really sends (document + variables, captured by the emulator) validates against the
/// published SDL of the pinned version, and every embedded document is among them: the order-channel scenario (with one
/// line per page, so the line-item follow-up queries run), the fulfilment-service scenario a fulfilment of 12 lines
/// (its lines paged, its fulfilment order scheduled and opened first), a customer-requested return, and an order whose
/// returns, return lines, reverse fulfilment orders and shipment markers run beyond their first pages (and one of whose
/// shipments leaves from a location the fulfilment order is moved to), a price push, a listing archived and set active again, and full reads in bulk together send them all.
/// </summary>
public sealed class SentDocumentsTests
{
    [Theory]
    [InlineData("2026-01")]
    [InlineData("2026-04")]
    public async Task SendAsync_EveryOperationTheChannelSends_ValidatesAgainstTheSchema(string version)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
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

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version))
        {
            // Listing actions: a product read with its variants (ProductListingStatus), then archived and set active again (ProductStatusUpdate).
            var variant = emulator.AddVariant("LISTED");
            var listing = new ChannelListing { ChannelItemId = variant.InventoryItemId, ListingId = variant.ProductId, Status = ListingStatus.Active };
            Assert.Equal(PushOutcome.Applied, Assert.Single(await services.Channel().DeactivateListingsAsync([listing], ct)).Outcome);
            await services.Channel().ReactivateListingsAsync([listing], ct);
            Assert.Equal("ACTIVE", emulator.GetProductStatus(variant.ProductId));
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o =>
        {
            o.MoveFulfillmentOrders = true;
            o.ActivateUnstockedInventory = true;
        }))
        {
            // Lists longer than their first page: an order's returns (OrderReturns) and a return's lines
            // (ReturnLineItems), a return's reverse fulfilment orders and their lines (ReverseFulfillmentOrders,
            // ReverseFulfillmentOrderLineItems), and an order's shipment markers (OrderMetafields).
            var channel = services.Channel();
            var moveTo = emulator.AddLocation("Moved");
            var skus = Enumerable.Range(0, 60).Select(i => "LONG-" + i).ToArray();
            foreach (var sku in skus)
            {
                emulator.AddVariant(sku);
            }

            var since = DateTimeOffset.UtcNow.AddMinutes(-5);
            var orderId = await emulator.CreateOrderAsync([.. skus.Select(s => new ShopifyEmulatorLine
            {
                Sku = s,
                Quantity = 60,
                UnitPrice = 1m,
            })], cancellationToken: ct);
            var manyLines = emulator.RequestReturn(orderId);
            var manyReverse = emulator.RequestReturn(orderId, reverseFulfillmentOrders: 7);
            emulator.RequestReturn(orderId);
            emulator.RequestReturn(orderId);
            Assert.Equal(4, (await channel.ListReturnRequestsAsync(since, ct).ToListAsync(ct)).Count(r => r.ChannelOrderId == orderId));
            var order = (await channel.GetOrderAsync(orderId, ct))!;
            await channel.ConfirmReturnAsync(new ReturnConfirmation(manyLines, [.. order.Lines.Select(l => new ReturnLine(l.LineId, 1))], restock: false, refund: false, "RCPT-LONG"), ct);
            await channel.ConfirmReturnAsync(new ReturnConfirmation(manyReverse, [.. order.Lines.Select(l => new ReturnLine(l.LineId, 1))], restock: false, refund: false, "RCPT-REVERSE"), ct);
            for (var i = 0; i < 51; i++)
            {
                await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(order.Lines[0].LineId, 1)], "SHIP-LONG-" + i), ct);
            }

            Assert.Equal(51, (await channel.ListFulfillmentsAsync(orderId, ct)).Count(f => f.IdempotencyKey is not null));

            // An item pushed to a location that does not stock it is activated there (InventoryActivate).
            var item = emulator.AddVariant("ACTIVATED");
            var unstockedAt = emulator.AddLocation("Unstocked"); // added after the item: it is not stocked there
            Assert.Equal(PushOutcome.Applied, Assert.Single(await channel.PushInventoryAsync([new InventoryTarget(item.InventoryItemId, unstockedAt, 5)], ct)).Outcome);

            // A shipment from a location Shopify did not assign moves the units there first (FulfillmentOrderMove).
            await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(order.Lines[1].LineId, 1)], "SHIP-MOVED") { ChannelLocationIds = [moveTo] }, ct);
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o =>
        {
            o.BulkPriceProductThreshold = 0;
            o.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        }))
        {
            // A price push of more products than the threshold: staged upload (StagedUploadsCreate), then the bulk
            // mutation (BulkOperationRunMutation), whose productVariantsBulkUpdate the emulator validates per line.
            var variant = emulator.AddVariant("BULK-PRICED");
            var results = await services.Channel().PushPricesAsync([new PriceTarget { ChannelItemId = variant.InventoryItemId, Price = new ChannelPrice { Amount = new Money(4.5m, "EUR") } }], ct);
            Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
        }

        await using (var services = ShopifyTestHost.Build(emulator.BaseAddress, version, o =>
        {
            o.BulkReadThreshold = 0;
            o.BulkPollInterval = TimeSpan.FromMilliseconds(10);
        }))
        {
            // Full reads of a shop above the bulk threshold: the count (ProductVariantsCount), then a bulk query run
            // (BulkOperationRunQuery) and polled (BulkOperation) for the catalogue and for the levels.
            Assert.NotEmpty(await services.Channel().ListItemsAsync(ct).ToListAsync(ct));
            Assert.NotEmpty(await services.Channel().ReadInventoryAsync(null, ct).ToListAsync(ct));
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

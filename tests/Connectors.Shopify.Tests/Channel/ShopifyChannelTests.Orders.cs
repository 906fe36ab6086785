using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;

namespace Connectors.Shopify.Tests.Channel;

public sealed partial class ShopifyChannelTests
{
    [Fact]
    public async Task GetOrder_MoreLinesThanOnePage_ReadsTheRestWithFollowUpQueries()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.Order, """{"order":""" + Order(1, "2026-03-01T09:30:00Z", Page(true, "c1", LineItem(1, "A", 1), LineItem(2, "B", 2))) + "}");
        _server.Respond(GraphDocuments.OrderLineItems, """{"order":{"id":"gid://shopify/Order/1","lineItems":""" + Page(true, "c2", LineItem(3, "C", 3)) + "}}", "\"after\":\"c1\"");
        _server.Respond(GraphDocuments.OrderLineItems, """{"order":{"id":"gid://shopify/Order/1","lineItems":""" + Page(false, "c3", LineItem(4, "D", 4)) + "}}", "\"after\":\"c2\"");
        await using var services = Build(o => o.OrderLinesPageSize = 2);

        var order = await services.Channel().GetOrderAsync("1", ct);

        Assert.Equal(["A", "B", "C", "D"], order!.Lines.Select(l => l.Sku));
        Assert.Equal([1, 2, 3, 4], order.Lines.Select(l => l.Quantity));
        Assert.Equal(2, _server.Sent(GraphDocuments.OrderLineItems).Count);
        Assert.All(_server.Sent(GraphDocuments.OrderLineItems), v => Assert.Equal("gid://shopify/Order/1", v["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ListOrders_OrderWithMoreLinesThanOnePage_IsCompleteInsteadOfFailing()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.Orders, """{"orders":""" + Page(false, null, Order(1, "2026-03-01T09:30:00Z", Page(true, "c1", LineItem(1, "A", 1)))) + "}");
        _server.Respond(GraphDocuments.OrderLineItems, """{"order":{"id":"gid://shopify/Order/1","lineItems":""" + Page(false, null, LineItem(2, "B", 2)) + "}}");
        await using var services = Build(o => o.OrderLinesPageSize = 1);

        var order = Assert.Single(await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddDays(-1), ct).ToListAsync(ct));

        Assert.Equal(2, order.Lines.Count);
    }

    [Fact]
    public async Task CreateFulfillment_FulfillmentOrderLinesBeyondOnePage_AllocatesLinesFromTheFollowUpPage()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, MerchantLocation, "OPEN", "UNSUBMITTED", Page(true, "f1", FoLine(111, 1, 1, 1)))));
        _server.Respond(GraphDocuments.FulfillmentOrderLineItems, """{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","lineItems":""" + Page(false, null, FoLine(112, 2, 3, 3)) + "}}");
        _server.Respond(GraphDocuments.FulfillmentCreate, """{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/5","status":"SUCCESS","trackingInfo":[]},"userErrors":[]}}""");
        _server.Respond(GraphDocuments.MetafieldsSet, """{"metafieldsSet":{"metafields":[],"userErrors":[]}}""");
        await using var services = Build(o => o.OrderLinesPageSize = 1);

        await services.Channel().CreateFulfillmentAsync(new FulfillmentRequest("1", [new FulfillmentLine("gid://shopify/LineItem/2", 3)], "SHIP-2"), TestContext.Current.CancellationToken);

        var line = Assert.Single(Assert.Single(_server.Sent(GraphDocuments.FulfillmentCreate))["fulfillment"]!["lineItemsByFulfillmentOrder"]![0]!["fulfillmentOrderLineItems"]!.AsArray());
        Assert.Equal("gid://shopify/FulfillmentOrderLineItem/112", line!["id"]!.GetValue<string>());
        Assert.Equal("f1", Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderLineItems))["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListFulfillments_MarkersWrittenAtCreate_CarryTheShipmentKeyBack()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, MerchantLocation, "OPEN", "UNSUBMITTED", Page(false, null, FoLine(111, 1, 3, 1))), "[]"));
        _server.Respond(GraphDocuments.FulfillmentCreate, """{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/5","status":"SUCCESS","trackingInfo":[]},"userErrors":[]}}""");
        _server.Respond(GraphDocuments.MetafieldsSet, """{"metafieldsSet":{"metafields":[],"userErrors":[]}}""");
        await using var services = Build();
        var channel = services.Channel();
        await channel.CreateFulfillmentAsync(new FulfillmentRequest("1", [new FulfillmentLine("gid://shopify/LineItem/1", 1)], "WMS-SHIP 42"), TestContext.Current.CancellationToken);
        var written = Assert.Single(_server.Sent(GraphDocuments.MetafieldsSet))["metafields"]![0]!;

        // Shopify now returns the marker the create wrote, beside an old-style marker (id only) and an unrelated metafield.
        _server.Reset();
        var markers = "[{\"key\":\"" + (written["key"]!.GetValue<string>()) + "\",\"value\":\"" + (written["value"]!.GetValue<string>()) + "\"},{\"key\":\"shipment_0123\",\"value\":\"gid://shopify/Fulfillment/6\"},{\"key\":\"wms_reference\",\"value\":\"WMS-1\"}]";
        var fulfillments = """[{"id":"gid://shopify/Fulfillment/5","status":"SUCCESS","trackingInfo":[],"fulfillmentLineItems":{"nodes":[{"quantity":1,"lineItem":{"id":"gid://shopify/LineItem/1"}}]}},{"id":"gid://shopify/Fulfillment/6","status":"SUCCESS","trackingInfo":[],"fulfillmentLineItems":{"nodes":[]}}]""";
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, MerchantLocation, "IN_PROGRESS", "UNSUBMITTED", Page(false, null, FoLine(111, 1, 3, 0))), fulfillments, markers));

        var listed = await channel.ListFulfillmentsAsync("1", TestContext.Current.CancellationToken);

        Assert.Equal("gid://shopify/Fulfillment/5 WMS-SHIP 42", written["value"]!.GetValue<string>());
        Assert.Equal("WMS-SHIP 42", listed.Single(f => f.FulfillmentId == "gid://shopify/Fulfillment/5").IdempotencyKey);
        Assert.Null(listed.Single(f => f.FulfillmentId == "gid://shopify/Fulfillment/6").IdempotencyKey);
    }
}

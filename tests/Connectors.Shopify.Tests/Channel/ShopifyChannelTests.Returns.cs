using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;

namespace Connectors.Shopify.Tests.Channel;

public sealed partial class ShopifyChannelTests
{
    private static string ReturnLineJson(long id, long fulfillmentLineId, long lineItemId, int quantity, int processable) =>
        "{\"id\":\"gid://shopify/ReturnLineItem/" + (id) + "\",\"quantity\":" + (quantity) + ",\"processableQuantity\":" + (processable) + ",\"returnReasonNote\":\"too small\",\"fulfillmentLineItem\":{\"id\":\"gid://shopify/FulfillmentLineItem/" + (fulfillmentLineId) + "\",\"lineItem\":{\"id\":\"gid://shopify/LineItem/" + (lineItemId) + "\",\"variant\":{\"inventoryItem\":{\"id\":\"gid://shopify/InventoryItem/" + (lineItemId + 70) + "\"}}}}}";

    [Fact]
    public async Task ListReturnRequests_ReturnLines_ReferenceTheOrderLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var ret = "{\"id\":\"gid://shopify/Return/9\",\"status\":\"OPEN\",\"createdAt\":\"2026-03-02T10:00:00Z\",\"returnLineItems\":" + (Page(false, null, ReturnLineJson(91, 81, 1, 1, 1), ReturnLineJson(92, 82, 1, 2, 2), ReturnLineJson(93, 83, 2, 1, 1))) + "}";
        _server.Respond(GraphDocuments.Returns, """{"orders":""" + Page(false, null, "{\"id\":\"gid://shopify/Order/1\",\"returns\":" + (Page(false, null, ret)) + "}") + "}");
        await using var services = Build();

        var request = Assert.Single(await services.Channel().ListReturnRequestsAsync(DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ct).ToListAsync(ct));

        Assert.Equal(["gid://shopify/LineItem/1", "gid://shopify/LineItem/2"], request.Lines.Select(l => l.LineId));
        Assert.Equal([3, 1], request.Lines.Select(l => l.Quantity));
        Assert.Equal("gid://shopify/InventoryItem/71", request.Lines[0].ChannelItemId);
    }

    private void RespondReturn()
    {
        var lines = Page(false, null, ReturnLineJson(91, 81, 1, 1, 1), ReturnLineJson(92, 82, 1, 2, 2), ReturnLineJson(93, 83, 2, 1, 0));
        var reverseLines = Page(
            false,
            null,
            """{"id":"gid://shopify/ReverseFulfillmentOrderLineItem/71","totalQuantity":1,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/81"}}""",
            """{"id":"gid://shopify/ReverseFulfillmentOrderLineItem/72","totalQuantity":2,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/82"}}""",
            """{"id":"gid://shopify/ReverseFulfillmentOrderLineItem/73","totalQuantity":1,"fulfillmentLineItem":{"id":"gid://shopify/FulfillmentLineItem/83"}}""");
        var reverse = Page(false, null, """{"id":"gid://shopify/ReverseFulfillmentOrder/7","lineItems":""" + reverseLines + "}");
        _server.Respond(GraphDocuments.Return, "{\"return\":{\"id\":\"gid://shopify/Return/9\",\"status\":\"OPEN\",\"order\":{\"id\":\"gid://shopify/Order/1\"},\"returnLineItems\":" + (lines) + ",\"reverseFulfillmentOrders\":" + (reverse) + "}}");
        _server.Respond(GraphDocuments.ReturnProcess, """{"returnProcess":{"return":{"id":"gid://shopify/Return/9","status":"CLOSED"},"userErrors":[]}}""");
    }

    [Fact]
    public async Task ConfirmReturn_OrderLinesWithRestock_ProcessesReturnLinesWithRestockedDispositions()
    {
        RespondReturn();
        await using var services = Build(o => o.DefaultLocationId = MerchantLocation);

        await services.Channel().ConfirmReturnAsync(
            new ReturnConfirmation("gid://shopify/Return/9", [new ReturnLine("gid://shopify/LineItem/1", 2), new ReturnLine("gid://shopify/LineItem/2", 1)], restock: true, refund: false, "RCPT-1"),
            TestContext.Current.CancellationToken);

        var lines = Assert.Single(_server.Sent(GraphDocuments.ReturnProcess))["input"]!["returnLineItems"]!.AsArray();

        // Order line 1 (2 units) spreads over its two return lines; order line 2 has nothing left to process.
        Assert.Equal(2, lines.Count);
        Assert.Equal(("gid://shopify/ReturnLineItem/91", 1), (lines[0]!["id"]!.GetValue<string>(), lines[0]!["quantity"]!.GetValue<int>()));
        Assert.Equal(("gid://shopify/ReturnLineItem/92", 1), (lines[1]!["id"]!.GetValue<string>(), lines[1]!["quantity"]!.GetValue<int>()));
        var disposition = lines[1]!["dispositions"]![0]!;
        Assert.Equal("gid://shopify/ReverseFulfillmentOrderLineItem/72", disposition["reverseFulfillmentOrderLineItemId"]!.GetValue<string>());
        Assert.Equal("RESTOCKED", disposition["dispositionType"]!.GetValue<string>());
        Assert.Equal(MerchantLocation, disposition["locationId"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfirmReturn_WithoutRestock_SendsNotRestockedWithoutLocation()
    {
        RespondReturn();
        await using var services = Build(o => o.DefaultLocationId = MerchantLocation);

        await services.Channel().ConfirmReturnAsync(
            new ReturnConfirmation("9", [new ReturnLine("gid://shopify/LineItem/1", 1)], restock: false, refund: false, "RCPT-2"),
            TestContext.Current.CancellationToken);

        var disposition = Assert.Single(_server.Sent(GraphDocuments.ReturnProcess))["input"]!["returnLineItems"]![0]!["dispositions"]![0]!;
        Assert.Equal("NOT_RESTOCKED", disposition["dispositionType"]!.GetValue<string>());
        Assert.Null(disposition["locationId"]);
    }

    [Fact]
    public async Task ConfirmReturn_LineNotOnTheReturn_ThrowsValidationNamingTheLine()
    {
        RespondReturn();
        await using var services = Build();

        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => services.Channel().ConfirmReturnAsync(
            new ReturnConfirmation("9", [new ReturnLine("gid://shopify/LineItem/404", 1)], restock: false, refund: false, "RCPT-3"),
            TestContext.Current.CancellationToken));

        Assert.Equal("Lines[0].LineId", Assert.Single(ex.Errors).FieldPath);
        Assert.Empty(_server.Sent(GraphDocuments.ReturnProcess));
    }

    [Fact]
    public async Task ConfirmReturn_WithRefund_IssuesTheSuggestedRefundForTheProcessedLines()
    {
        RespondReturn();
        _server.Respond(
            GraphDocuments.ReturnRefundSuggestion,
            """{"return":{"id":"gid://shopify/Return/9","suggestedFinancialOutcome":{"financialTransfer":{"amount":{"presentmentMoney":{"amount":"19.98","currencyCode":"EUR"}},"suggestedTransactions":[{"amountSet":{"presentmentMoney":{"amount":"19.98","currencyCode":"EUR"}},"parentTransaction":{"id":"gid://shopify/OrderTransaction/555"}}]}}}}""");
        await using var services = Build(o => o.DefaultLocationId = MerchantLocation);

        await services.Channel().ConfirmReturnAsync(
            new ReturnConfirmation("9", [new ReturnLine("gid://shopify/LineItem/1", 2)], restock: true, refund: true, "RCPT-4"),
            TestContext.Current.CancellationToken);

        var asked = Assert.Single(_server.Sent(GraphDocuments.ReturnRefundSuggestion))["returnLineItems"]!.AsArray();
        Assert.Equal(["gid://shopify/ReturnLineItem/91", "gid://shopify/ReturnLineItem/92"], asked.Select(l => l!["id"]!.GetValue<string>()));
        var transaction = Assert.Single(_server.Sent(GraphDocuments.ReturnProcess))["input"]!["financialTransfer"]!["issueRefund"]!["orderTransactions"]![0]!;
        Assert.Equal("gid://shopify/OrderTransaction/555", transaction["parentId"]!.GetValue<string>());
        Assert.Equal("19.98", transaction["transactionAmount"]!["amount"]!.GetValue<string>());
        Assert.Equal("EUR", transaction["transactionAmount"]!["currencyCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task ConfirmReturn_WithoutRefund_SendsNoFinancialTransfer()
    {
        RespondReturn();
        await using var services = Build(o => o.DefaultLocationId = MerchantLocation);

        await services.Channel().ConfirmReturnAsync(
            new ReturnConfirmation("9", [new ReturnLine("gid://shopify/LineItem/1", 1)], restock: true, refund: false, "RCPT-5"),
            TestContext.Current.CancellationToken);

        Assert.Empty(_server.Sent(GraphDocuments.ReturnRefundSuggestion));
        Assert.Null(Assert.Single(_server.Sent(GraphDocuments.ReturnProcess))["input"]!["financialTransfer"]);
    }
}

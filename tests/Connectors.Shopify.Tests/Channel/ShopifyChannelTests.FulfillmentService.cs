using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;

namespace Connectors.Shopify.Tests.Channel;

public sealed partial class ShopifyChannelTests
{
    private const string ServiceJson = """{"id":"gid://shopify/FulfillmentService/61629186?id=true","serviceName":"Acme WMS","handle":"acme-wms","location":{"id":"gid://shopify/Location/900"}}""";

    [Fact]
    public async Task EnsureFulfillmentService_NoneRegistered_CreatesItOnceAndRecordsItsLocation()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.FulfillmentServices, """{"shop":{"fulfillmentServices":[{"id":"gid://shopify/FulfillmentService/1?id=true","serviceName":"Other","handle":"other","location":{"id":"gid://shopify/Location/5"}}]}}""");
        _server.Respond(GraphDocuments.FulfillmentServiceCreate, """{"fulfillmentServiceCreate":{"fulfillmentService":""" + ServiceJson + ""","userErrors":[]}}""");
        await using var services = Build(o => { o.FulfillmentServiceMode = true; o.FulfillmentServiceName = "Acme WMS"; });
        var channel = services.Channel();

        var first = await channel.EnsureFulfillmentServiceAsync(ct);
        var second = await channel.EnsureFulfillmentServiceAsync(ct);

        Assert.Equal(new ShopifyFulfillmentService
        {
            Id = "gid://shopify/FulfillmentService/61629186?id=true",
            Name = "Acme WMS",
            LocationId = ServiceLocation,
        }, first);
        Assert.Same(first, second);
        var create = Assert.Single(_server.Sent(GraphDocuments.FulfillmentServiceCreate));
        Assert.Equal("Acme WMS", create["name"]!.GetValue<string>());
        Assert.True(create["inventoryManagement"]!.GetValue<bool>());
        Assert.Single(_server.Sent(GraphDocuments.FulfillmentServices));
    }

    [Fact]
    public async Task EnsureFulfillmentService_AlreadyRegistered_FindsItByNameWithoutCreating()
    {
        _server.Respond(GraphDocuments.FulfillmentServices, """{"shop":{"fulfillmentServices":[""" + ServiceJson + "]}}");
        await using var services = Build(o => { o.FulfillmentServiceMode = true; o.FulfillmentServiceName = "acme wms"; });

        var service = await services.Channel().EnsureFulfillmentServiceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(ServiceLocation, service.LocationId);
        Assert.Empty(_server.Sent(GraphDocuments.FulfillmentServiceCreate));
    }

    [Fact]
    public async Task EnsureFulfillmentService_CreateUserError_ThrowsValidationAndRetriesNextTime()
    {
        _server.Respond(GraphDocuments.FulfillmentServices, """{"shop":{"fulfillmentServices":[]}}""");
        _server.Respond(GraphDocuments.FulfillmentServiceCreate, """{"fulfillmentServiceCreate":{"fulfillmentService":null,"userErrors":[{"field":["name"],"message":"Name has already been taken"}]}}""");
        await using var services = Build(o => o.FulfillmentServiceMode = true);
        var channel = services.Channel();

        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.EnsureFulfillmentServiceAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.EnsureFulfillmentServiceAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ex.Errors, e => e.FieldPath == "name" && e.Message.Contains("already been taken", StringComparison.Ordinal));
        Assert.Equal(2, _server.Sent(GraphDocuments.FulfillmentServiceCreate).Count);
    }

    [Fact]
    public async Task ListOrders_ServiceMode_ReadsAssignedRequestsScopedToTheServiceLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var requestedOrder = Order(1, "2026-03-01T09:30:00Z", Page(false, null, LineItem(1, "A", 3), LineItem(2, "B", 1)));
        var cancellingOrder = Order(2, "2026-03-01T09:30:00Z", Page(false, null, LineItem(3, "C", 2)));
        _server.Respond(
            GraphDocuments.AssignedFulfillmentOrders,
            """{"assignedFulfillmentOrders":""" + Page(false, null, FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 2, 2)), requestedOrder)) + "}",
            "\"assignmentStatus\":\"FULFILLMENT_REQUESTED\"");
        _server.Respond(
            GraphDocuments.AssignedFulfillmentOrders,
            """{"assignedFulfillmentOrders":""" + Page(false, null, FulfillmentOrder(21, ServiceLocation, "IN_PROGRESS", "CANCELLATION_REQUESTED", Page(false, null, FoLine(211, 3, 2, 2)), cancellingOrder, "2026-03-01T11:00:00Z")) + "}",
            "\"assignmentStatus\":\"CANCELLATION_REQUESTED\"");
        await using var services = BuildServiceMode();

        var orders = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow, ct).ToListAsync(ct);

        Assert.Equal(2, orders.Count);
        var requested = orders[0];
        Assert.Equal("gid://shopify/Order/1", requested.OrderId);
        var line = Assert.Single(requested.Lines);
        Assert.Equal(("gid://shopify/LineItem/1", 2), (line.LineId, line.Quantity));
        Assert.Equal(ChannelOrderStatus.Open, requested.Status);
        Assert.Equal("SUBMITTED", requested.Attributes["shopify.fulfillmentRequest"]);
        Assert.Equal("gid://shopify/FulfillmentOrder/11", requested.Attributes["shopify.fulfillmentOrderIds"]);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), requested.UpdatedAt);
        var cancelling = orders[1];
        Assert.Equal(ChannelOrderStatus.Cancelled, cancelling.Status);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture), cancelling.UpdatedAt);
        Assert.All(_server.Sent(GraphDocuments.AssignedFulfillmentOrders), v => Assert.Equal(ServiceLocation, v["locationIds"]![0]!.GetValue<string>()));
        Assert.Empty(_server.Sent(GraphDocuments.Orders));
    }

    [Fact]
    public async Task ListOrders_ServiceModeOrderSpanningTwoPages_IsListedOnceWithAllItsLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var order1 = Order(1, "2026-03-01T09:30:00Z", Page(false, null, LineItem(1, "A", 3), LineItem(2, "B", 1)));
        var order2 = Order(2, "2026-03-01T09:30:00Z", Page(false, null, LineItem(3, "C", 2)));
        _server.Respond(
            GraphDocuments.AssignedFulfillmentOrders,
            """{"assignedFulfillmentOrders":""" + Page(true, "p1", FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 3, 3)), order1)) + "}",
            "\"after\":null,\"assignmentStatus\":\"FULFILLMENT_REQUESTED\"");
        _server.Respond(
            GraphDocuments.AssignedFulfillmentOrders,
            """{"assignedFulfillmentOrders":""" + Page(false, null,
                FulfillmentOrder(12, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(121, 2, 1, 1)), order1),
                FulfillmentOrder(21, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(211, 3, 2, 2)), order2)) + "}",
            "\"after\":\"p1\"");
        _server.Respond(GraphDocuments.AssignedFulfillmentOrders, """{"assignedFulfillmentOrders":""" + Page(false, null) + "}", "\"assignmentStatus\":\"CANCELLATION_REQUESTED\"");
        await using var services = BuildServiceMode();

        var orders = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow, ct).ToListAsync(ct);

        Assert.Equal(["gid://shopify/Order/1", "gid://shopify/Order/2"], orders.Select(o => o.OrderId));
        Assert.Equal([3, 1], orders[0].Lines.Select(l => l.Quantity));
        Assert.Equal("gid://shopify/FulfillmentOrder/11,gid://shopify/FulfillmentOrder/12", orders[0].Attributes["shopify.fulfillmentOrderIds"]);
    }

    // Issue 17 defect 6: a fulfilment order split or moved later gets a later id, so an order's fulfilment orders are
    // not next to each other in the listing (here order 1's second one comes after order 2's, on the next page).
    [Fact]
    public async Task ListOrders_ServiceModeSplitFulfillmentOrderListedAfterAnotherOrder_IsListedOnceWithAllItsLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var order1 = Order(1, "2026-03-01T09:30:00Z", Page(false, null, LineItem(1, "A", 3), LineItem(2, "B", 1)));
        var order2 = Order(2, "2026-03-01T09:30:00Z", Page(false, null, LineItem(3, "C", 2)));
        _server.Respond(
            GraphDocuments.AssignedFulfillmentOrders,
            """{"assignedFulfillmentOrders":""" + Page(true, "p1",
                FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 3, 3)), order1),
                FulfillmentOrder(21, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(211, 3, 2, 2)), order2)) + "}",
            "\"after\":null,\"assignmentStatus\":\"FULFILLMENT_REQUESTED\"");
        _server.Respond(
            GraphDocuments.AssignedFulfillmentOrders,
            """{"assignedFulfillmentOrders":""" + Page(false, null,
                FulfillmentOrder(35, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(351, 2, 1, 1)), order1, "2026-03-01T10:30:00Z")) + "}",
            "\"after\":\"p1\"");
        _server.Respond(GraphDocuments.AssignedFulfillmentOrders, """{"assignedFulfillmentOrders":""" + Page(false, null) + "}", "\"assignmentStatus\":\"CANCELLATION_REQUESTED\"");
        await using var services = BuildServiceMode();

        var orders = await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow, ct).ToListAsync(ct);

        Assert.Equal(["gid://shopify/Order/1", "gid://shopify/Order/2"], orders.Select(o => o.OrderId));
        Assert.Equal([("gid://shopify/LineItem/1", 3), ("gid://shopify/LineItem/2", 1)], orders[0].Lines.Select(l => (l.LineId, l.Quantity)));
        Assert.Equal("gid://shopify/FulfillmentOrder/11,gid://shopify/FulfillmentOrder/35", orders[0].Attributes["shopify.fulfillmentOrderIds"]);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture), orders[0].UpdatedAt);
    }

    [Fact]
    public async Task AcknowledgeOrder_ReleaseInServiceMode_AcceptsOnlyTheServicePendingRequests()
    {
        var ct = TestContext.Current.CancellationToken;
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(
            1,
            string.Join(',',
                FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 2, 2))),
                FulfillmentOrder(12, MerchantLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(121, 2, 1, 1))),
                FulfillmentOrder(13, ServiceLocation, "IN_PROGRESS", "ACCEPTED", Page(false, null, FoLine(131, 2, 1, 1))))));
        _server.Respond(GraphDocuments.FulfillmentOrderAcceptFulfillmentRequest, Answer("fulfillmentOrderAcceptFulfillmentRequest", 11, "IN_PROGRESS", "ACCEPTED"));
        await using var services = BuildServiceMode();

        await services.Channel().AcknowledgeOrderAsync(new OrderAcknowledgement("gid://shopify/Order/1", ReleaseDecision.Release, "WMS-77"), ct);

        var accepted = Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderAcceptFulfillmentRequest));
        Assert.Equal("gid://shopify/FulfillmentOrder/11", accepted["id"]!.GetValue<string>());
        Assert.Contains("WMS-77", accepted["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_server.Sent(GraphDocuments.TagsAdd));
    }

    [Fact]
    public async Task AcknowledgeOrder_RejectInServiceMode_RejectsWithTheNote()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 2, 2)))));
        _server.Respond(GraphDocuments.FulfillmentOrderRejectFulfillmentRequest, Answer("fulfillmentOrderRejectFulfillmentRequest", 11, "OPEN", "REJECTED"));
        await using var services = BuildServiceMode();

        await services.Channel().AcknowledgeOrderAsync(new OrderAcknowledgement("1", ReleaseDecision.Reject, null, "payment failed"), TestContext.Current.CancellationToken);

        var rejected = Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderRejectFulfillmentRequest));
        Assert.Equal("payment failed", rejected["message"]!.GetValue<string>());
        Assert.Equal("OTHER", rejected["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task AcknowledgeOrder_HoldInServiceMode_LeavesTheRequestPending()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 2, 2)))));
        await using var services = BuildServiceMode();

        await services.Channel().AcknowledgeOrderAsync(new OrderAcknowledgement("1", ReleaseDecision.Hold, null, "unpaid"), TestContext.Current.CancellationToken);

        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task AcknowledgeOrder_AcceptUserError_ThrowsValidation()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(1, FulfillmentOrder(11, ServiceLocation, "OPEN", "SUBMITTED", Page(false, null, FoLine(111, 1, 2, 2)))));
        _server.Respond(GraphDocuments.FulfillmentOrderAcceptFulfillmentRequest, """{"fulfillmentOrderAcceptFulfillmentRequest":{"fulfillmentOrder":null,"userErrors":[{"field":["id"],"message":"Cannot accept a fulfillment request: the request status is CLOSED."}]}}""");
        await using var services = BuildServiceMode();

        var ex = await Assert.ThrowsAsync<ConnectorValidationException>(
            () => services.Channel().AcknowledgeOrderAsync(new OrderAcknowledgement("1", ReleaseDecision.Release, "WMS-1"), TestContext.Current.CancellationToken));

        Assert.Contains(ex.Errors, e => e.FieldPath == "id");
    }

    [Theory]
    [InlineData(true, "fulfillmentOrderAcceptCancellationRequest")]
    [InlineData(false, "fulfillmentOrderRejectCancellationRequest")]
    public async Task AnswerCancellationRequests_PendingRequest_SendsTheMatchingAnswer(bool accept, string root)
    {
        var operation = accept ? GraphDocuments.FulfillmentOrderAcceptCancellationRequest : GraphDocuments.FulfillmentOrderRejectCancellationRequest;
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(
            1,
            string.Join(',',
                FulfillmentOrder(11, ServiceLocation, "IN_PROGRESS", "CANCELLATION_REQUESTED", Page(false, null, FoLine(111, 1, 2, 2))),
                FulfillmentOrder(12, ServiceLocation, "IN_PROGRESS", "ACCEPTED", Page(false, null, FoLine(121, 2, 1, 1))))));
        _server.Respond(operation, Answer(root, 11, accept ? "CLOSED" : "IN_PROGRESS", accept ? "CANCELLATION_ACCEPTED" : "CANCELLATION_REJECTED"));
        await using var services = BuildServiceMode();

        var answered = await services.Channel().AnswerCancellationRequestsAsync("gid://shopify/Order/1", accept, "because", TestContext.Current.CancellationToken);

        Assert.Equal(1, answered);
        var sent = Assert.Single(_server.Sent(operation));
        Assert.Equal("gid://shopify/FulfillmentOrder/11", sent["id"]!.GetValue<string>());
        Assert.Equal("because", sent["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateFulfillment_ServiceMode_AllocatesOnlyToTheServiceFulfillmentOrders()
    {
        _server.Respond(GraphDocuments.FulfillmentOrders, FulfillmentOrders(
            1,
            string.Join(',',
                FulfillmentOrder(12, MerchantLocation, "OPEN", "UNSUBMITTED", Page(false, null, FoLine(121, 1, 1, 1))),
                FulfillmentOrder(11, ServiceLocation, "IN_PROGRESS", "ACCEPTED", Page(false, null, FoLine(111, 1, 2, 2))))));
        _server.Respond(GraphDocuments.FulfillmentCreate, """{"fulfillmentCreate":{"fulfillment":{"id":"gid://shopify/Fulfillment/5","status":"SUCCESS","trackingInfo":[]},"userErrors":[]}}""");
        _server.Respond(GraphDocuments.MetafieldsSet, """{"metafieldsSet":{"metafields":[],"userErrors":[]}}""");
        await using var services = BuildServiceMode();

        await services.Channel().CreateFulfillmentAsync(new FulfillmentRequest("1", [new FulfillmentLine("gid://shopify/LineItem/1", 2)], "SHIP-9"), TestContext.Current.CancellationToken);

        var group = Assert.Single(Assert.Single(_server.Sent(GraphDocuments.FulfillmentCreate))["fulfillment"]!["lineItemsByFulfillmentOrder"]!.AsArray());
        Assert.Equal("gid://shopify/FulfillmentOrder/11", group!["fulfillmentOrderId"]!.GetValue<string>());
        Assert.Equal(2, group["fulfillmentOrderLineItems"]![0]!["quantity"]!.GetValue<int>());
    }
}

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.Emulator;

/// <summary>
/// The emulator as a second implementation of the Admin API, checked with raw GraphQL (not through the client), so
/// each rule below is the emulator's own and can disagree with the connector.
/// </summary>
public sealed class ShopifyEmulatorTests
{
    private static async Task<JsonObject> PostAsync(ShopifyEmulator emulator, string query, JsonObject? variables = null, string version = "2026-01")
    {
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"admin/api/{version}/graphql.json")
        {
            Content = JsonContent.Create(new JsonObject { ["query"] = query, ["variables"] = variables ?? [] }),
        };
        request.Headers.Add("X-Shopify-Access-Token", emulator.Options.AccessToken);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
    }

    [Fact]
    public async Task Query_OverThe1000PointLimit_RefusedWithMaxCostExceededAndNumericCost()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        // 2 + 50 × (1 order + 2 + 50 × 1 line) = 2,652 points.
        var response = await PostAsync(emulator, "query { orders(first: 50) { nodes { id lineItems(first: 50) { nodes { id } } } } }");

        var error = response["errors"]![0]!;
        Assert.Equal("MAX_COST_EXCEEDED", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(2652, error["extensions"]!["cost"]!.GetValue<int>());
        Assert.Equal(1000, error["extensions"]!["maxCost"]!.GetValue<int>());
        Assert.StartsWith("Query cost is 2652, which exceeds the single query max cost limit (1000).", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(response["data"]);
        Assert.Equal(1, emulator.MaxCostExceededResponses);
    }

    [Theory]
    [InlineData("query { shop { id name } }", 1)]                                                             // object 1, scalars 0
    [InlineData("query { productVariants(first: 10) { pageInfo { hasNextPage } edges { node { id } } } }", 12)] // connection 2 + 10 × 1
    [InlineData("query { productVariants(first: 10) { nodes { id product { id } } } }", 22)]                 // 2 + 10 × (1 + 1)
    [InlineData("query($n: Int!) { locations(first: $n) { nodes { id } } }", 42)]                           // sized by the variable
    [InlineData("mutation { tagsAdd(id: \"gid://shopify/Order/1\", tags: [\"a\"]) { userErrors { message } } }", 10)]
    public async Task RequestedCost_FollowsThePublishedRules(string query, int expected)
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var response = await PostAsync(emulator, query, new JsonObject { ["n"] = 40 });

        Assert.Equal(expected, response["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task RequestedCost_UnionSelections_CountTheMostExpensiveAlternativeOnly()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        // nodes(ids:) is one object per id; the inline fragments are alternatives (schema: an interface or union costs
        // the "maximum of possible selections"), so 2 × (1 + max(1, 2)) = 6, not 2 × (1 + 1 + 2).
        var response = await PostAsync(emulator, "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Order { customer { id } } ... on InventoryItem { variant { id product { id } } } } }",
            new JsonObject { ["ids"] = new JsonArray("gid://shopify/Order/1", "gid://shopify/InventoryItem/2") });

        Assert.Equal(6, response["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task CostFactor_ScalesTheRequestedCost()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { CostFactor = 1.3 }, TestContext.Current.CancellationToken);

        var response = await PostAsync(emulator, "query { productVariants(first: 10) { nodes { id product { id } } } }");

        Assert.Equal(29, response["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>()); // ceil(22 × 1.3)
    }

    [Fact]
    public async Task Order_LinesAtTwoLocations_SplitIntoFulfilmentOrdersPagedByFirstAndAfter()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var east = emulator.AddLocation("East");
        var west = emulator.AddLocation("West");
        emulator.AddVariant("A");
        emulator.AddVariant("B");
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "A", Quantity = 1, UnitPrice = 1m, LocationId = east }, new ShopifyEmulatorLine
            {
                Sku = "B",
                Quantity = 1,
                UnitPrice = 1m,
                LocationId = west,
            }],
            cancellationToken: TestContext.Current.CancellationToken);
        const string Query = "query($id: ID!, $after: String) { order(id: $id) { fulfillmentOrders(first: 1, after: $after) { pageInfo { hasNextPage endCursor } nodes { id status assignedLocation { location { id } } supportedActions { action } } } } }";

        var first = (await PostAsync(emulator, Query, new JsonObject { ["id"] = orderId }))["data"]!["order"]!["fulfillmentOrders"]!;
        var second = (await PostAsync(emulator, Query, new JsonObject { ["id"] = orderId, ["after"] = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))["data"]!["order"]!["fulfillmentOrders"]!;

        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(east, first["nodes"]![0]!["assignedLocation"]!["location"]!["id"]!.GetValue<string>());
        Assert.Equal(west, second["nodes"]![0]!["assignedLocation"]!["location"]!["id"]!.GetValue<string>());
        Assert.Contains("CREATE_FULFILLMENT", first["nodes"]![0]!["supportedActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FulfillmentCreate_FulfilmentOrdersOfTwoLocations_RefusedAsShopifyDoes()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var east = emulator.AddLocation("East");
        var west = emulator.AddLocation("West");
        emulator.AddVariant("A");
        emulator.AddVariant("B");
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "A", Quantity = 1, UnitPrice = 1m, LocationId = east }, new ShopifyEmulatorLine
            {
                Sku = "B",
                Quantity = 1,
                UnitPrice = 1m,
                LocationId = west,
            }],
            cancellationToken: TestContext.Current.CancellationToken);
        var ids = await FulfillmentOrderIdsAsync(emulator, orderId);

        var result = await PostAsync(emulator, "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }",
            new JsonObject { ["f"] = new JsonObject { ["lineItemsByFulfillmentOrder"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["fulfillmentOrderId"] = id })]) } });

        Assert.Equal("All fulfillment orders in a fulfillment must be assigned to the same location.",
            result["data"]!["fulfillmentCreate"]!["userErrors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(0, emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task FulfillmentCreate_ScheduledFulfilmentOrder_RefusedUntilMarkedOpen()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var main = emulator.AddLocation("Main");
        emulator.AddVariant("A");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "A",
            Quantity = 1,
            UnitPrice = 1m,
        }], cancellationToken: TestContext.Current.CancellationToken);
        emulator.SetFulfillmentOrderStatus(orderId, main, "SCHEDULED");
        var fo = Assert.Single(await FulfillmentOrderIdsAsync(emulator, orderId));
        const string Create = "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }";
        var input = new JsonObject { ["f"] = new JsonObject { ["lineItemsByFulfillmentOrder"] = new JsonArray(new JsonObject { ["fulfillmentOrderId"] = fo }) } };

        var refused = await PostAsync(emulator, Create, input);
        // Schema: fulfillmentOrderOpen "Marks a scheduled fulfillment order as open."
        await PostAsync(emulator, "mutation($id: ID!) { fulfillmentOrderOpen(id: $id) { fulfillmentOrder { id status } userErrors { message } } }", new JsonObject { ["id"] = fo });
        var created = await PostAsync(emulator, Create, (JsonObject)input.DeepClone());

        Assert.Contains("CREATE_FULFILLMENT", refused["data"]!["fulfillmentCreate"]!["userErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(created["data"]!["fulfillmentCreate"]!["userErrors"]!.AsArray());
        Assert.Equal(1, emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task CustomerReturn_CreatedRequested_ProcessRefusedUntilApproved()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        emulator.AddLocation("Main");
        emulator.AddVariant("A");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "A",
            Quantity = 1,
            UnitPrice = 1m,
        }], cancellationToken: TestContext.Current.CancellationToken);
        var returnId = emulator.RequestCustomerReturn(orderId);
        const string Process = "mutation($input: ReturnProcessInput!) { returnProcess(input: $input) { return { id status } userErrors { code message } } }";
        var processInput = new JsonObject { ["input"] = new JsonObject { ["returnId"] = returnId, ["returnLineItems"] = new JsonArray() } };

        Assert.Equal("REQUESTED", emulator.GetReturnStatus(returnId));
        var refused = await PostAsync(emulator, Process, processInput);
        // Schema: returnApproveRequest "Approves a customer's return request ... the Return.status field of the approved return is set to OPEN."
        await PostAsync(emulator, "mutation($input: ReturnApproveRequestInput!) { returnApproveRequest(input: $input) { return { id status } userErrors { message } } }",
            new JsonObject { ["input"] = new JsonObject { ["id"] = returnId } });

        Assert.Equal("INVALID_STATE", refused["data"]!["returnProcess"]!["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("OPEN", emulator.GetReturnStatus(returnId));
    }

    [Fact]
    public async Task WebhookSubscriptionCreate_SameTopicAndAddressTwice_SecondRefused()
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        const string Create = "mutation($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) { webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id } userErrors { field message } } }";
        JsonObject Variables() => new() { ["topic"] = "ORDERS_CREATE", ["sub"] = new JsonObject { ["uri"] = "https://host.example/hooks" } };

        var first = await PostAsync(emulator, Create, Variables());
        var second = await PostAsync(emulator, Create, Variables());

        Assert.Empty(first["data"]!["webhookSubscriptionCreate"]!["userErrors"]!.AsArray());
        Assert.Equal("Address for this topic has already been taken", second["data"]!["webhookSubscriptionCreate"]!["userErrors"]![0]!["message"]!.GetValue<string>());
        Assert.Single(emulator.WebhookSubscriptions);
    }

    [Theory]
    [InlineData("JPY", 1200, "1200", "495")]
    [InlineData("KWD", 1.25, "1.250", "0.495")]
    [InlineData("EUR", 12.5, "12.50", "4.95")]
    public async Task OrderMoney_FollowsTheCurrencyMinorUnits(string currency, double price, string expectedPrice, string expectedShipping)
    {
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        emulator.AddLocation("Main");
        emulator.AddVariant("A");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "A",
            Quantity = 1,
            UnitPrice = (decimal)price,
        }], currency, TestContext.Current.CancellationToken);

        var order = (await PostAsync(emulator, "query($id: ID!) { order(id: $id) { totalShippingPriceSet { shopMoney { amount } } lineItems(first: 5) { nodes { originalUnitPriceSet { shopMoney { amount } } } } } }",
            new JsonObject { ["id"] = orderId }))["data"]!["order"]!;

        Assert.Equal(expectedPrice, order["lineItems"]!["nodes"]![0]!["originalUnitPriceSet"]!["shopMoney"]!["amount"]!.GetValue<string>());
        Assert.Equal(expectedShipping, order["totalShippingPriceSet"]!["shopMoney"]!["amount"]!.GetValue<string>());
    }

    private static async Task<string[]> FulfillmentOrderIdsAsync(ShopifyEmulator emulator, string orderId)
    {
        var response = await PostAsync(emulator, "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 10) { nodes { id } } } }", new JsonObject { ["id"] = orderId });
        return [.. response["data"]!["order"]!["fulfillmentOrders"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
    }

    [Fact]
    public async Task FulfillmentOrderMove_SomeUnits_NewFulfilmentOrderAtTheNewLocationAndTheOriginalKeepsTheRest()
    {
        // Schema: "the moved fulfillment order will differ from the original one" when only some line items move.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 3,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        var read = await PostAsync(emulator, "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id remainingQuantity } } } } } }", new JsonObject { ["id"] = orderId });
        var original = read["data"]!["order"]!["fulfillmentOrders"]!["nodes"]![0]!;
        var lineId = original["lineItems"]!["nodes"]![0]!["id"]!.GetValue<string>();
        const string Move = "mutation($id: ID!, $to: ID!, $lines: [FulfillmentOrderLineItemInput!]) { fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $lines) { movedFulfillmentOrder { id assignedLocation { location { id } } lineItems(first: 5) { nodes { remainingQuantity } } } originalFulfillmentOrder { id status assignedLocation { location { id } } lineItems(first: 5) { nodes { remainingQuantity } } } userErrors { field message } } }";

        var moved = (await PostAsync(emulator, Move, new JsonObject { ["id"] = original["id"]!.GetValue<string>(), ["to"] = hamburg, ["lines"] = new JsonArray(new JsonObject { ["id"] = lineId, ["quantity"] = 1 }) }))["data"]!["fulfillmentOrderMove"]!;
        var again = (await PostAsync(emulator, Move, new JsonObject { ["id"] = original["id"]!.GetValue<string>(), ["to"] = hamburg, ["lines"] = new JsonArray(new JsonObject { ["id"] = lineId, ["quantity"] = 3 }) }))["data"]!["fulfillmentOrderMove"]!;

        Assert.Empty(moved["userErrors"]!.AsArray());
        Assert.NotEqual(original["id"]!.GetValue<string>(), moved["movedFulfillmentOrder"]!["id"]!.GetValue<string>());
        Assert.Equal(hamburg, moved["movedFulfillmentOrder"]!["assignedLocation"]!["location"]!["id"]!.GetValue<string>());
        Assert.Equal(1, moved["movedFulfillmentOrder"]!["lineItems"]!["nodes"]![0]!["remainingQuantity"]!.GetValue<int>());
        Assert.Equal(berlin, moved["originalFulfillmentOrder"]!["assignedLocation"]!["location"]!["id"]!.GetValue<string>());
        Assert.Equal(2, moved["originalFulfillmentOrder"]!["lineItems"]!["nodes"]![0]!["remainingQuantity"]!.GetValue<int>());
        Assert.NotEmpty(again["userErrors"]!.AsArray()); // 3 units asked, 2 left
    }

    [Fact]
    public async Task Latency_AnswerHeldBackUntilTheLatencyPassed_BucketChargedOnArrival()
    {
        var ct = TestContext.Current.CancellationToken;
        var latency = TimeSpan.FromMilliseconds(800);
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        emulator.AddVariant("SKU-1");
        await PostAsync(emulator, "query { shop { id } }"); // warm: the first request of a process compiles the validator
        emulator.Options.Latency = latency;
        var charged = emulator.PointsCharged;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var request = PostAsync(emulator, "query($n: Int!) { productVariants(first: $n) { nodes { id sku } } }", new JsonObject { ["n"] = 10 });
        while (emulator.PointsCharged == charged && watch.Elapsed < latency)
        {
            await Task.Delay(10, ct);
        }

        var chargedAt = watch.Elapsed;
        var answeredBeforeCharge = request.IsCompleted;
        var response = await request;
        watch.Stop();

        Assert.True(chargedAt < latency, $"the bucket was not charged within {latency.TotalMilliseconds} ms of the request (charged: {emulator.PointsCharged}).");
        Assert.False(answeredBeforeCharge, "the answer arrived before the latency had passed.");
        Assert.True(watch.Elapsed >= latency, $"answered after {watch.Elapsed.TotalMilliseconds:F0} ms, before the latency of {latency.TotalMilliseconds} ms.");
        Assert.Equal("SKU-1", response["data"]!["productVariants"]!["nodes"]![0]!["sku"]!.GetValue<string>());
        Assert.Equal(12, response["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task ActualCost_CountsTheSelectedObjectsOnly_FieldsMergedAcrossFragments()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var main = emulator.AddLocation("Main");
        var second = emulator.AddLocation("Second");
        emulator.AddVariant("A", 5, main);
        emulator.AddVariant("B", 5, second);
        var orderId = await emulator.CreateOrderAsync(
        [
            new ShopifyEmulatorLine { Sku = "A", Quantity = 1, UnitPrice = 2m },
            new ShopifyEmulatorLine { Sku = "B", Quantity = 1, UnitPrice = 2m, LocationId = second },
        ], cancellationToken: ct);

        // Shopify charges the objects it returns: order 1 + totalPriceSet 1 + shopMoney 1 (selected twice, once through
        // the fragment: one field) + fulfilmentOrders connection 2 + two fulfilment orders 1 each = 7. The emulator renders
        // more (each fulfilment order's line items, location and actions; the order's returns), none of it selected.
        var response = await PostAsync(
            emulator,
            """
            query($id: ID!) { order(id: $id) { id totalPriceSet { shopMoney { amount } } ...Money fulfillmentOrders(first: 5) { nodes { id } } } }
            fragment Money on Order { totalPriceSet { shopMoney { currencyCode } } }
            """,
            new JsonObject { ["id"] = orderId });

        Assert.Equal(2, response["data"]!["order"]!["fulfillmentOrders"]!["nodes"]!.AsArray().Count);
        Assert.Equal(7, response["extensions"]!["cost"]!["actualQueryCost"]!.GetValue<int>());
    }
}

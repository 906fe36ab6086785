using System.Text.Json.Nodes;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Connectors.WooCommerce.Tests;

/// <summary>The channel against WireMock stubs fed with the recorded traffic.</summary>
public sealed partial class WooCommerceChannelTests
{
    private static WireMockServer StartWireMock() => WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=UTF-8").WithBody(body);

    [Fact]
    public async Task PushInventoryAsync_RecordedMixedBatch_RejectsOnlyTheUnknownId()
    {
        using var server = StartWireMock();
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/products/batch").UsingPost()).RespondWith(Json(Recorded.Text("products_batch_mixed.json")));
        await using var sp = TestHost.Build(o => o.BaseUrl = new Uri(server.Url!));
        var targets = new[] { new InventoryTarget("117", "default", 30), new InventoryTarget("999999", "default", 5), new InventoryTarget("118", "default", 12) };

        var results = await sp.Channel_().PushInventoryAsync(targets, TestContext.Current.CancellationToken);

        Assert.Equal([PushOutcome.Applied, PushOutcome.Rejected, PushOutcome.Applied], results.Select(r => r.Outcome));
        Assert.Equal("woocommerce_rest_product_invalid_id", results[1].ErrorCode);
        var sent = Assert.Single(server.LogEntries).RequestMessage;
        var update = JsonNode.Parse(sent.Body!)!["update"]!.AsArray();
        Assert.Equal([117L, 999999L, 118L], update.Select(u => u!["id"]!.GetValue<long>()));
        Assert.All(update, u => Assert.True(u!["manage_stock"]!.GetValue<bool>()));
        Assert.Equal(30, update[0]!["stock_quantity"]!.GetValue<int>());
        // Plain HTTP: OAuth 1.0a in the query, never Basic.
        Assert.Contains("oauth_signature", sent.Url, StringComparison.Ordinal);
        Assert.False(sent.Headers!.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task PushInventoryAsync_Recorded413_HalvesUntilAccepted()
    {
        using var server = StartWireMock();
        // Over 50 items: the recorded 413 body. Otherwise: echo every id as updated.
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/products/batch").UsingPost().WithBody(new JsonPathMatcher("$.update[50]")))
            .AtPriority(1)
            .RespondWith(Json(Recorded.Text("products_batch_101_items_413.json"), 413));
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/products/batch").UsingPost())
            .AtPriority(2)
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var ids = JsonNode.Parse(request.Body!)!["update"]!.AsArray().Select(u => (JsonNode)new JsonObject { ["id"] = u!["id"]!.GetValue<long>() }).ToArray();
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new WireMock.Util.BodyData { BodyAsString = new JsonObject { ["update"] = new JsonArray(ids) }.ToJsonString(), DetectedBodyType = WireMock.Types.BodyType.String },
                };
            }));
        await using var sp = TestHost.Build(o => o.BaseUrl = new Uri(server.Url!));
        var targets = Enumerable.Range(1, 101).Select(i => new InventoryTarget(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "default", i)).ToList();

        var results = await sp.Channel_().PushInventoryAsync(targets, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        var sizes = server.LogEntries.Select(e => JsonNode.Parse(e.RequestMessage.Body!)!["update"]!.AsArray().Count).ToList();
        // 100 (413) -> 50 + 50; 1 in its own batch.
        Assert.Equal(4, sizes.Count);
        Assert.Equal(101 + 100, sizes.Sum());
        Assert.Contains(100, sizes);
    }

    [Fact]
    public async Task ListOrdersAsync_RecordedPages_FollowsTotalPagesAndSendsTheFilter()
    {
        using var server = StartWireMock();
        var (_, page1Headers) = Recorded.Headers("orders_list_modified_after.headers.txt");
        var (_, page2Headers) = Recorded.Headers("orders_list_modified_after_page2.headers.txt");
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders").WithParam("page", "1").UsingGet())
            .RespondWith(Json(Recorded.Text("orders_list_modified_after.json")).WithHeader("X-WP-Total", page1Headers["X-WP-Total"]).WithHeader("X-WP-TotalPages", page1Headers["X-WP-TotalPages"]));
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders").WithParam("page", "2").UsingGet())
            .RespondWith(Json(Recorded.Text("orders_list_modified_after_page2.json")).WithHeader("X-WP-Total", page2Headers["X-WP-Total"]).WithHeader("X-WP-TotalPages", page2Headers["X-WP-TotalPages"]));
        await using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri(server.Url!);
            o.PageSize = 2;
        });

        var orders = new List<ChannelOrder>();
        await foreach (var order in sp.Channel_().ListOrdersAsync(new DateTimeOffset(2026, 11, 27, 2, 31, 6, TimeSpan.Zero), TestContext.Current.CancellationToken))
        {
            orders.Add(order);
        }

        Assert.Equal(["124", "125", "126"], orders.Select(o => o.OrderId));
        Assert.Equal(2, server.LogEntries.Count());
        var query = server.LogEntries.First().RequestMessage.Query!;
        Assert.Equal("2026-11-27T02:31:06", query["modified_after"].Single());
        Assert.Equal("true", query["dates_are_gmt"].Single());
        Assert.Equal("2", query["per_page"].Single());
    }

    [Fact]
    public async Task GetOrderAsync_Recorded404_ReturnsNull()
    {
        using var server = StartWireMock();
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/999999").UsingGet()).RespondWith(Json(Recorded.Text("error_404_unknown_order.json"), 404));
        await using var sp = TestHost.Build(o => o.BaseUrl = new Uri(server.Url!));

        Assert.Null(await sp.Channel_().GetOrderAsync("999999", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetOrderAsync_Recorded401_ThrowsAuthenticationWithoutSecret()
    {
        using var server = StartWireMock();
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/124").UsingGet()).RespondWith(Json(Recorded.Text("error_401_wrong_secret.json"), 401));
        await using var sp = TestHost.Build(o => o.BaseUrl = new Uri(server.Url!));

        var ex = await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => sp.Channel_().GetOrderAsync("124", TestContext.Current.CancellationToken));

        Assert.Contains("Consumer secret is invalid.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cs_test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrderAsync_RecordedOrderOverHttpsStyleBasic_SendsBasicWhenAllowed()
    {
        using var server = StartWireMock();
        server.Given(Request.Create().WithPath("/wp-json/wc/v3/orders/124").UsingGet()).RespondWith(Json(Recorded.Text("order_a_processing.json")));
        await using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri(server.Url!);
            o.AuthMode = WooCommerceAuthMode.Basic;
            o.AllowBasicAuthOverHttp = true;
        });

        var order = await sp.Channel_().GetOrderAsync("124", TestContext.Current.CancellationToken);

        Assert.Equal(3, order!.Lines.Count);
        var sent = Assert.Single(server.LogEntries).RequestMessage;
        Assert.Equal("Basic " + Convert.ToBase64String("ck_test:cs_test"u8.ToArray()), sent.Headers!["Authorization"].Single());
        Assert.DoesNotContain("oauth_", sent.Url, StringComparison.Ordinal);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.Contracts;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Tests.Webhooks;

public sealed class ShopifyWebhookHandlerTests
{
    private const string Secret = "app-secret";

    private static ShopifyWebhookHandler Handler(params string[] secrets)
    {
        var options = new ShopifyOptions { ClientSecret = Secret };
        foreach (var s in secrets)
        {
            options.WebhookSecrets.Add(s);
        }

        return new ShopifyWebhookHandler("store-a", new StaticMonitor(options));
    }

    private static WebhookRequest Request(string topic, byte[] body, string? signature, string? eventId = "evt-1")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Shopify-Topic"] = topic,
            ["X-Shopify-Webhook-Id"] = "wh-1",
        };
        if (signature is not null)
        {
            headers["X-Shopify-Hmac-Sha256"] = signature;
        }

        if (eventId is not null)
        {
            headers["X-Shopify-Event-Id"] = eventId;
        }

        return new WebhookRequest
        {
            Channel = "store-a",
            Headers = headers,
            Body = body,
            ReceivedAt = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            ContentType = "application/json",
        };
    }

    private static byte[] Sample(string topic) =>
        Encoding.UTF8.GetBytes(JsonNode.Parse(ContractFiles.Webhook(topic))!["response"]!.ToJsonString());

    [Fact]
    public void Verify_ValidSignature_IsValid()
    {
        var body = Sample("orders/create");
        var result = Handler().Verify(Request("orders/create", body, WebhookSignature.ComputeHmacSha256Base64(body, Secret)));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Verify_SignatureWithOtherSecret_IsInvalid()
    {
        var body = Sample("orders/create");
        var result = Handler().Verify(Request("orders/create", body, WebhookSignature.ComputeHmacSha256Base64(body, "forged")));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var body = Sample("orders/create");
        var signature = WebhookSignature.ComputeHmacSha256Base64(body, Secret);
        body[10] ^= 0x01;
        Assert.False(Handler().Verify(Request("orders/create", body, signature)).IsValid);
    }

    [Fact]
    public void Verify_MissingHeader_IsInvalidNamingTheHeader()
    {
        var result = Handler().Verify(Request("orders/create", Sample("orders/create"), null));
        Assert.False(result.IsValid);
        Assert.Contains("X-Shopify-Hmac-Sha256", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DuringRotation_AcceptsOldAndNewSecret()
    {
        var body = Sample("orders/updated");
        var handler = Handler("old-secret", "new-secret");
        Assert.True(handler.Verify(Request("orders/updated", body, WebhookSignature.ComputeHmacSha256Base64(body, "old-secret"))).IsValid);
        Assert.True(handler.Verify(Request("orders/updated", body, WebhookSignature.ComputeHmacSha256Base64(body, "new-secret"))).IsValid);
        Assert.False(handler.Verify(Request("orders/updated", body, WebhookSignature.ComputeHmacSha256Base64(body, Secret))).IsValid);
    }

    [Theory]
    [InlineData("orders/create", OrderEventKind.Created)]
    [InlineData("orders/updated", OrderEventKind.Updated)]
    [InlineData("orders/cancelled", OrderEventKind.Cancelled)]
    public void Parse_OrderSample_ReadsExactGidAndEventId(string topic, OrderEventKind kind)
    {
        var events = Handler().Parse(Request(topic, Sample(topic), "x", "evt-42"));
        var e = Assert.IsType<OrderChannelEvent>(Assert.Single(events));
        Assert.Equal(kind, e.Kind);
        Assert.Equal("gid://shopify/Order/820982911946154508", e.OrderId); // not ...500: the JSON number lost digits
        Assert.Equal("evt-42", e.DeliveryId);
        Assert.Equal("store-a", e.Channel);
        Assert.Null(e.Order);
    }

    [Fact]
    public void Parse_OrderWithoutEventId_UsesWebhookId()
    {
        var e = Assert.Single(Handler().Parse(Request("orders/paid", Sample("orders/create"), "x", eventId: null)));
        Assert.Equal("wh-1", e.DeliveryId);
        Assert.Equal(OrderEventKind.Paid, Assert.IsType<OrderChannelEvent>(e).Kind);
    }

    [Fact]
    public void Parse_InventoryLevelSample_TakesExactIdsFromTheLevelGid()
    {
        var e = Assert.IsType<InventoryChangedEvent>(Assert.Single(Handler().Parse(Request("inventory_levels/update", Sample("inventory_levels/update"), "x"))));
        Assert.Equal("gid://shopify/InventoryItem/271878346596884015", e.ChannelItemId);
        Assert.Equal("gid://shopify/Location/24826418", e.LocationId);
        Assert.Null(e.Available);
        Assert.Equal(DateTimeOffset.Parse("2021-12-31T19:00:00-05:00", System.Globalization.CultureInfo.InvariantCulture), e.OccurredAt);
    }

    [Fact]
    public void Parse_ReturnSampleWithoutLines_NoticeNamingTheReturnAndOrder()
    {
        // Shopify's documented sample has an empty return_line_items (total_return_line_items: 2): the return is read by
        // its id instead (issue 17 item 5). Before, the payload was dead-lettered at $.return_line_items.
        var e = Assert.IsType<ReturnNoticeEvent>(Assert.Single(Handler().Parse(Request("returns/request", Sample("returns/request"), "x"))));

        Assert.Equal("gid://shopify/Return/123134564567890", e.ReturnId);
        Assert.Equal("gid://shopify/Order/4783296544821", e.ChannelOrderId);
        Assert.Equal("store-a", e.Channel);
    }

    private static JsonObject ReturnLine(long id, long lineItemId, int quantity, string? reason = null) => new()
    {
        ["id"] = id,
        ["admin_graphql_api_id"] = "gid://shopify/ReturnLineItem/" + id,
        ["quantity"] = quantity,
        ["return_reason"] = reason,
        ["fulfillment_line_item"] = new JsonObject
        {
            ["id"] = id + 1000,
            ["line_item"] = new JsonObject { ["id"] = lineItemId, ["admin_graphql_api_id"] = "gid://shopify/LineItem/" + lineItemId },
        },
    };

    [Fact]
    public void Parse_ReturnWithLines_ReadsReturnAndOrderGidsAndNamesOrderLines()
    {
        var json = JsonNode.Parse(ContractFiles.Webhook("returns/request"))!["response"]!.AsObject();
        json["return_line_items"] = new JsonArray(ReturnLine(77, 9_007_199_254_740_993, 2, "size_too_small"), ReturnLine(78, 9_007_199_254_740_993, 1), ReturnLine(79, 555, 1));
        var e = Assert.IsType<ReturnRequestedEvent>(Assert.Single(Handler().Parse(Request("returns/request", Encoding.UTF8.GetBytes(json.ToJsonString()), "x"))));
        Assert.Equal("gid://shopify/Return/123134564567890", e.Request.ReturnId);
        Assert.Equal("gid://shopify/Order/4783296544821", e.Request.ChannelOrderId);

        // Return lines of the same order line add up; ids are the order's LineItem GIDs, read exactly.
        Assert.Equal(2, e.Request.Lines.Count);
        var first = e.Request.Lines[0];
        Assert.Equal("gid://shopify/LineItem/9007199254740993", first.LineId);
        Assert.Equal(3, first.Quantity);
        Assert.Equal("size_too_small", first.Reason);
        Assert.Equal("gid://shopify/LineItem/555", e.Request.Lines[1].LineId);
    }

    [Fact]
    public void Parse_ReturnLineWithoutFulfillmentLineItem_NoticeToReadTheReturnById()
    {
        var json = JsonNode.Parse(ContractFiles.Webhook("returns/request"))!["response"]!.AsObject();
        json["return_line_items"] = new JsonArray(new JsonObject { ["id"] = 77, ["quantity"] = 2 });

        var e = Assert.IsType<ReturnNoticeEvent>(Assert.Single(Handler().Parse(Request("returns/request", Encoding.UTF8.GetBytes(json.ToJsonString()), "x"))));

        Assert.Equal("gid://shopify/Return/123134564567890", e.ReturnId);
    }

    [Fact]
    public void Parse_ReturnWithoutReturnId_ThrowsNamingThePath()
    {
        var json = JsonNode.Parse(ContractFiles.Webhook("returns/request"))!["response"]!.AsObject();
        json.Remove("admin_graphql_api_id");
        json.Remove("id");

        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(Request("returns/request", Encoding.UTF8.GetBytes(json.ToJsonString()), "x")));

        Assert.StartsWith("$", ex.FieldPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OrderTopicInFulfillmentServiceMode_YieldsOnlyCancellations()
    {
        var handler = new ShopifyWebhookHandler("store-a", new StaticMonitor(new ShopifyOptions { ClientSecret = Secret, FulfillmentServiceMode = true }));

        Assert.Empty(handler.Parse(Request("orders/create", Sample("orders/create"), "x")));
        Assert.Empty(handler.Parse(Request("orders/updated", Sample("orders/updated"), "x")));
        Assert.Single(Handler().Parse(Request("orders/create", Sample("orders/create"), "x")));
        var cancelled = Assert.IsType<OrderChannelEvent>(Assert.Single(handler.Parse(Request("orders/cancelled", Sample("orders/cancelled"), "x"))));
        Assert.Equal(OrderEventKind.Cancelled, cancelled.Kind);
    }

    [Fact]
    public void Parse_FulfillmentSample_IsIgnoredTopic()
    {
        Assert.Empty(Handler().Parse(Request("fulfillments/create", Sample("fulfillments/create"), "x")));
    }

    [Fact]
    public void Parse_MalformedJson_ThrowsNamingRoot()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(Request("orders/create", "{\"id\": 1,"u8.ToArray(), "x")));
        Assert.Equal("$", ex.FieldPath);
    }

    [Fact]
    public void Parse_OrderIdAsString_ThrowsNamingTheIdPath()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(Request("orders/create", """{"id":"abc","updated_at":"2026-01-01T00:00:00Z"}"""u8.ToArray(), "x")));
        Assert.Equal("$.id", ex.FieldPath);
    }

    [Fact]
    public void Parse_BadTimestamp_ThrowsNamingTheField()
    {
        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(Request("orders/create", """{"admin_graphql_api_id":"gid://shopify/Order/1","updated_at":"yesterday"}"""u8.ToArray(), "x")));
        Assert.Equal("$.updated_at", ex.FieldPath);
    }

    [Fact]
    public void Parse_MissingTopic_Throws()
    {
        var request = new WebhookRequest
        {
            Channel = "store-a",
            Headers = new Dictionary<string, string> { ["X-Shopify-Webhook-Id"] = "1" },
            Body = "{}"u8.ToArray(),
            ReceivedAt = DateTimeOffset.UnixEpoch,
        };
        Assert.Equal("headers.X-Shopify-Topic", Assert.Throws<WebhookPayloadException>(() => Handler().Parse(request)).FieldPath);
    }

    [Theory]
    [InlineData("gid://shopify/Order/abc")]
    [InlineData("gid://shopify/Order/")]
    [InlineData("gid://shopify/Order/12x")]
    public void Parse_MalformedOrderGid_RejectedAtTheEdgeNamingTheField(string gid)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"id":1,"admin_graphql_api_id":"{{gid}}","updated_at":"2026-01-01T00:00:00Z","line_items":[]}""");

        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(Request("orders/create", body, "x")));

        Assert.Equal("$.admin_graphql_api_id", ex.FieldPath);
    }

    private sealed class StaticMonitor(ShopifyOptions value) : IOptionsMonitor<ShopifyOptions>
    {
        public ShopifyOptions CurrentValue => value;

        public ShopifyOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ShopifyOptions, string?> listener) => null;
    }
}

using System.Text;

namespace Connectors.WooCommerce.Tests;

public sealed class WooCommerceWebhookHandlerTests
{
    private static WooCommerceWebhookHandler Handler(string? secret = "test-secret") =>
        new("shop-b", new TestHost.StaticMonitor(new WooCommerceOptions { WebhookSecret = secret }));

    [Theory]
    [InlineData("webhook_delivery_order_created")]
    [InlineData("webhook_delivery_order_updated")]
    public void Verify_RecordedDelivery_IsValid(string name)
    {
        var result = Handler().Verify(Recorded.Webhook(name));

        Assert.True(result.IsValid, result.FailureReason);
        Assert.False(result.IsPing);
    }

    [Fact]
    public void Verify_WrongSecret_IsInvalid()
    {
        var result = Handler("not-the-secret").Verify(Recorded.Webhook("webhook_delivery_order_updated"));

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_ForgedSignature_IsInvalid()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated");
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["X-WC-Webhook-Signature"] = Convert.ToBase64String(new byte[32]),
        };

        var result = Handler().Verify(request with { Headers = headers });

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_TamperedBody_IsInvalid()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated");
        var body = request.Body.ToArray();
        var text = Encoding.UTF8.GetString(body).Replace("\"on-hold\"", "\"processing\"", StringComparison.Ordinal);
        Assert.NotEqual(Encoding.UTF8.GetString(body), text);

        var result = Handler().Verify(request with { Body = Encoding.UTF8.GetBytes(text) });

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Verify_MissingSignatureOnJsonDelivery_IsInvalid()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated");
        var headers = request.Headers.Where(h => !h.Key.Equals("X-WC-Webhook-Signature", StringComparison.OrdinalIgnoreCase)).ToDictionary();

        var result = Handler().Verify(request with { Headers = headers });

        Assert.False(result.IsValid);
        Assert.False(result.IsPing);
        Assert.Contains("X-WC-Webhook-Signature", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_NoSecretConfigured_IsInvalidAndSaysSo()
    {
        var result = Handler(null).Verify(Recorded.Webhook("webhook_delivery_order_updated"));

        Assert.False(result.IsValid);
        Assert.Contains("WebhookSecret", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RecordedCreationPing_IsAPing()
    {
        var request = Recorded.Webhook("webhook_ping_order_created", "body.txt");

        var result = Handler().Verify(request);

        Assert.True(result.IsValid);
        Assert.True(result.IsPing);
        Assert.Empty(Handler().Parse(request));
    }

    [Fact]
    public void Verify_FormBodyThatIsNotAPing_IsInvalid()
    {
        var request = Recorded.Webhook("webhook_ping_order_created", "body.txt") with { Body = Encoding.UTF8.GetBytes("webhook_id=1&x=2") };

        var result = Handler().Verify(request);

        Assert.False(result.IsValid);
        Assert.False(result.IsPing);
    }

    [Fact]
    public void Parse_RecordedOrderCreated_GivesCreatedEventWithFullOrder()
    {
        var events = Handler().Parse(Recorded.Webhook("webhook_delivery_order_created"));

        var e = Assert.IsType<OrderChannelEvent>(Assert.Single(events));
        Assert.Equal(OrderEventKind.Created, e.Kind);
        Assert.Equal("124", e.OrderId);
        Assert.NotNull(e.Order);
        Assert.Equal(["117", "119/121", "118"], e.Order.Lines.Select(l => l.ChannelItemId));
        // Built at send time: the created body already shows the refund that came later.
        Assert.Equal(PaymentStatus.PartiallyRefunded, e.Order.PaymentStatus);
        Assert.Contains(":order.created:124:2026-11-27T02:31:13", e.DeliveryId, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RecordedOrderUpdated_GivesUpdatedEventOnHold()
    {
        var events = Handler().Parse(Recorded.Webhook("webhook_delivery_order_updated"));

        var e = Assert.IsType<OrderChannelEvent>(Assert.Single(events));
        Assert.Equal(OrderEventKind.Updated, e.Kind);
        Assert.Equal("125", e.OrderId);
        Assert.Equal(ChannelOrderStatus.OnHold, e.Order!.Status);
        Assert.StartsWith("8b7af1beb2bf2b43bdee0fa9d9f0162c:order.updated:125:", e.DeliveryId, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OrderFullyRefundedByTheConnectorsReturn_IsAnUpdateNotACancellation()
    {
        // Issue 18 item 6: the connector's full refund for a return moved the order to "refunded"; the order.updated that
        // followed became a cancellation of an order already shipped and returned.
        var request = Recorded.Webhook("webhook_delivery_order_updated");
        var text = Encoding.UTF8.GetString(request.Body.ToArray()).Replace("\"status\":\"on-hold\"", "\"status\":\"refunded\"", StringComparison.Ordinal);
        Assert.Contains("\"refunded\"", text, StringComparison.Ordinal);

        var e = Assert.IsType<OrderChannelEvent>(Assert.Single(Handler().Parse(request with { Body = Encoding.UTF8.GetBytes(text) })));

        Assert.Equal(OrderEventKind.Updated, e.Kind);
        Assert.NotEqual(ChannelOrderStatus.Cancelled, e.Order!.Status);
        Assert.Equal(PaymentStatus.Refunded, e.Order.PaymentStatus);
    }

    [Fact]
    public void Parse_SameDeliveryIdDifferentOrders_GivesDifferentDeliveryIds()
    {
        var created = Recorded.Webhook("webhook_delivery_order_created");
        var updated = Recorded.Webhook("webhook_delivery_order_updated");
        var shared = new Dictionary<string, string>(updated.Headers, StringComparer.OrdinalIgnoreCase) { ["X-WC-Webhook-Delivery-ID"] = created.GetHeader("X-WC-Webhook-Delivery-ID")! };

        var a = Handler().Parse(created).Single();
        var b = Handler().Parse(updated with { Headers = shared }).Single();

        Assert.NotEqual(a.DeliveryId, b.DeliveryId);
    }

    [Fact]
    public void Parse_CancelledOrderUpdate_GivesCancelledEvent()
    {
        var body = Encoding.UTF8.GetBytes(Recorded.Text("order_c_cancelled.json"));
        var request = Recorded.Webhook("webhook_delivery_order_updated") with { Body = body };

        var e = (OrderChannelEvent)Handler().Parse(request).Single();

        Assert.Equal(OrderEventKind.Cancelled, e.Kind);
        Assert.Equal("126", e.OrderId);
    }

    [Fact]
    public void Parse_OrderDeleted_GivesCancelledEventWithoutOrder()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated") with { Body = "{\"id\":126}"u8.ToArray() };
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["X-WC-Webhook-Topic"] = "order.deleted" };

        var e = (OrderChannelEvent)Handler().Parse(request with { Headers = headers }).Single();

        Assert.Equal(OrderEventKind.Cancelled, e.Kind);
        Assert.Equal("126", e.OrderId);
        Assert.Null(e.Order);
    }

    [Fact]
    public void Parse_ProductUpdatedForVariation_GivesInventoryEventWithParentPath()
    {
        var variation = Recorded.Text("product_variations_list.json");
        var first = System.Text.Json.Nodes.JsonNode.Parse(variation)!.AsArray()[0]!.ToJsonString();
        var request = Recorded.Webhook("webhook_delivery_order_updated") with { Body = Encoding.UTF8.GetBytes(first) };
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["X-WC-Webhook-Topic"] = "product.updated" };

        var e = Assert.IsType<InventoryChangedEvent>(Handler().Parse(request with { Headers = headers }).Single());

        Assert.Matches("^119/12[0-2]$", e.ChannelItemId);
        Assert.NotNull(e.Available);
    }

    [Fact]
    public void Parse_MalformedJson_ThrowsWebhookPayloadExceptionWithPath()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated") with { Body = "{\"id\":125,\"line_items\":[{\"id\":5,\"quantity\":\"two\"}]}"u8.ToArray() };

        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(request));

        Assert.Contains("line_items[0].quantity", ex.FieldPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingCurrency_ThrowsWebhookPayloadExceptionNamingIt()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated") with { Body = "{\"id\":125,\"date_created_gmt\":\"2026-11-27T02:31:12\"}"u8.ToArray() };

        var ex = Assert.Throws<WebhookPayloadException>(() => Handler().Parse(request));

        Assert.Equal("$.currency", ex.FieldPath);
    }

    [Fact]
    public void Parse_TruncatedBody_ThrowsWebhookPayloadException()
    {
        var request = Recorded.Webhook("webhook_delivery_order_updated");
        request = request with { Body = request.Body[..100] };

        Assert.Throws<WebhookPayloadException>(() => Handler().Parse(request));
    }
}

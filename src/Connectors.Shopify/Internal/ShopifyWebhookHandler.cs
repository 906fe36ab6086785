using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Verifies <c>X-Shopify-Hmac-Sha256</c> (base64 HMAC-SHA256 of the raw body; every configured secret is tried, so a
/// rotation accepts old and new) and parses the topics the engine needs into canonical events. The delivery id is
/// <c>X-Shopify-Event-Id</c>, else <c>X-Shopify-Webhook-Id</c>. Order events carry no <see cref="ChannelOrder"/>:
/// the REST-shaped payload names variants, not inventory items, so the engine fetches the order (GraphQL) instead.
/// </summary>
internal sealed class ShopifyWebhookHandler : IWebhookHandler
{
    private readonly IOptionsMonitor<ShopifyOptions> _options;

    public ShopifyWebhookHandler(string channel, IOptionsMonitor<ShopifyOptions> options)
    {
        Channel = channel;
        _options = options;
    }

    public string Channel { get; }

    public WebhookVerificationResult Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = request.GetHeader("X-Shopify-Hmac-Sha256");
        if (string.IsNullOrEmpty(signature))
        {
            return WebhookVerificationResult.Invalid("The X-Shopify-Hmac-Sha256 header is missing.");
        }

        var options = _options.Get(Channel);
        var secrets = options.WebhookSecrets.Count > 0 ? options.WebhookSecrets : (options.ClientSecret is { } s ? [s] : []);
        if (secrets.Count == 0)
        {
            return WebhookVerificationResult.Invalid("No webhook secret is configured for this channel.");
        }

        var valid = false;
        foreach (var secret in secrets)
        {
            // No early exit: the time taken does not tell which secret matched.
            valid |= WebhookSignature.VerifyHmacSha256Base64(request.Body.Span, secret, signature);
        }

        return valid ? WebhookVerificationResult.Valid : WebhookVerificationResult.Invalid("The X-Shopify-Hmac-Sha256 signature does not match the body.");
    }

    public IReadOnlyList<ChannelEvent> Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var topic = request.GetHeader("X-Shopify-Topic") ?? throw new WebhookPayloadException("headers.X-Shopify-Topic", "is missing.");
        var deliveryId = request.GetHeader("X-Shopify-Event-Id") ?? request.GetHeader("X-Shopify-Webhook-Id")
            ?? throw new WebhookPayloadException("headers.X-Shopify-Webhook-Id", "is missing (neither X-Shopify-Event-Id nor X-Shopify-Webhook-Id was sent).");
        var triggeredAt = request.GetHeader("X-Shopify-Triggered-At") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : request.ReceivedAt;

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException("$", $"is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException("$", "must be a JSON object.");
            }

            // In fulfilment-service mode the order path is the fulfilment requests (polled), not the order topics; only a
            // cancellation passes, so an order held before its request was accepted is released from the engine.
            if (topic.StartsWith("orders/", StringComparison.Ordinal) && topic != "orders/cancelled" && _options.Get(Channel).FulfillmentServiceMode)
            {
                return [];
            }

            try
            {
                return ParseTopic(topic, root, deliveryId, triggeredAt);
            }
            catch (InvalidOperationException ex)
            {
                // A value of an unexpected JSON type (a number where a string belongs, an array where an object does).
                throw new WebhookPayloadException("$", $"has a value of an unexpected type ({ex.Message}).", ex);
            }
        }
    }

    private IReadOnlyList<ChannelEvent> ParseTopic(string topic, JsonElement root, string deliveryId, DateTimeOffset triggeredAt) =>
            topic switch
            {
                "orders/create" => [OrderEvent(root, deliveryId, triggeredAt, OrderEventKind.Created)],
                "orders/updated" or "orders/edited" or "orders/fulfilled" or "orders/partially_fulfilled" => [OrderEvent(root, deliveryId, triggeredAt, OrderEventKind.Updated)],
                "orders/paid" => [OrderEvent(root, deliveryId, triggeredAt, OrderEventKind.Paid)],
                "orders/cancelled" => [OrderEvent(root, deliveryId, triggeredAt, OrderEventKind.Cancelled)],
                "inventory_levels/update" => [InventoryEvent(root, deliveryId, triggeredAt)],
                "returns/request" => [ReturnEvent(root, deliveryId, triggeredAt)],
                _ => [],
            };

    private OrderChannelEvent OrderEvent(JsonElement root, string deliveryId, DateTimeOffset triggeredAt, OrderEventKind kind)
    {
        var id = Gid(root, "$", ShopifyIds.Order);
        var occurredAt = Timestamp(root, "updated_at", "$") ?? triggeredAt;
        if (kind == OrderEventKind.Cancelled && Timestamp(root, "cancelled_at", "$") is { } cancelled)
        {
            occurredAt = cancelled > occurredAt ? cancelled : occurredAt;
        }

        if (root.TryGetProperty("line_items", out var lines) && lines.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
        {
            throw new WebhookPayloadException("$.line_items", "must be an array.");
        }

        return new OrderChannelEvent
        {
            Channel = Channel,
            DeliveryId = deliveryId,
            OccurredAt = occurredAt,
            Kind = kind,
            OrderId = id,
            Order = null,
        };
    }

    private InventoryChangedEvent InventoryEvent(JsonElement root, string deliveryId, DateTimeOffset triggeredAt)
    {
        // The level GID carries the exact ids: gid://shopify/InventoryLevel/{location}?inventory_item_id={item}.
        string itemId;
        string locationId;
        if (root.TryGetProperty("admin_graphql_api_id", out var gidElement) && gidElement.GetString() is { } gid
            && gid.StartsWith("gid://shopify/InventoryLevel/", StringComparison.Ordinal) && gid.IndexOf("?inventory_item_id=", StringComparison.Ordinal) is var q and > 0)
        {
            var location = gid["gid://shopify/InventoryLevel/".Length..q];
            var item = gid[(q + "?inventory_item_id=".Length)..];
            if (!ulong.TryParse(location, NumberStyles.None, CultureInfo.InvariantCulture, out _) || !ulong.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new WebhookPayloadException("$.admin_graphql_api_id", $"'{gid}' is not an InventoryLevel GID.");
            }

            itemId = "gid://shopify/InventoryItem/" + item;
            locationId = "gid://shopify/Location/" + location;
        }
        else
        {
            itemId = ShopifyIds.Gid(ShopifyIds.InventoryItem, Long(root, "inventory_item_id", "$"));
            locationId = ShopifyIds.Gid(ShopifyIds.Location, Long(root, "location_id", "$"));
        }

        int? available = null;
        if (root.TryGetProperty("available", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            available = a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var value)
                ? value
                : throw new WebhookPayloadException("$.available", "must be an integer or null.");
        }

        return new InventoryChangedEvent
        {
            Channel = Channel,
            DeliveryId = deliveryId,
            OccurredAt = Timestamp(root, "updated_at", "$") ?? triggeredAt,
            ChannelItemId = itemId,
            LocationId = locationId,
            Available = available,
        };
    }

    /// <summary>
    /// A return request: with its lines when the payload names each return line's order line, else (Shopify's documented
    /// payload has an empty <c>return_line_items</c>) a notice naming the return, which the engine reads by its id.
    /// </summary>
    private ChannelEvent ReturnEvent(JsonElement root, string deliveryId, DateTimeOffset triggeredAt)
    {
        var returnId = Gid(root, "$", ShopifyIds.Return);
        string? orderId = null;
        if (root.TryGetProperty("order", out var order) && order.ValueKind == JsonValueKind.Object)
        {
            orderId = Gid(order, "$.order", ShopifyIds.Order);
        }

        var lines = orderId is null ? null : ReturnLines(root);
        if (lines is null)
        {
            return new ReturnNoticeEvent
            {
                Channel = Channel,
                DeliveryId = deliveryId,
                OccurredAt = triggeredAt,
                ReturnId = returnId,
                ChannelOrderId = orderId,
            };
        }

        return new ReturnRequestedEvent
        {
            Channel = Channel,
            DeliveryId = deliveryId,
            OccurredAt = triggeredAt,
            Request = new ReturnRequest(Channel, returnId, orderId!, lines, triggeredAt),
        };
    }

    /// <summary>The return's lines by order line, or null when the payload does not name them all (read the return by id).</summary>
    private static List<ReturnLine>? ReturnLines(JsonElement root)
    {
        if (!root.TryGetProperty("return_line_items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var lines = new List<ReturnLine>();
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"$.return_line_items[{i++}]";

            // The canonical return names order lines: the LineItem behind the return line's fulfilment line.
            if (!item.TryGetProperty("fulfillment_line_item", out var fulfillmentLine) || fulfillmentLine.ValueKind != JsonValueKind.Object
                || !fulfillmentLine.TryGetProperty("line_item", out var lineItem) || lineItem.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var lineId = Gid(lineItem, path + ".fulfillment_line_item.line_item", "LineItem");
            var quantity = item.TryGetProperty("quantity", out var qty) && qty.TryGetInt32(out var n) && n > 0
                ? n
                : throw new WebhookPayloadException(path + ".quantity", "must be a positive integer.");
            var reason = item.TryGetProperty("return_reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var index = lines.FindIndex(l => l.LineId == lineId);
            if (index < 0)
            {
                lines.Add(new ReturnLine(lineId, quantity, reason));
            }
            else
            {
                lines[index] = new ReturnLine(lineId, lines[index].Quantity + quantity, lines[index].Reason ?? reason);
            }
        }

        return lines.Count == 0 ? null : lines;
    }

    private static string Gid(JsonElement element, string path, string type)
    {
        if (element.TryGetProperty("admin_graphql_api_id", out var gid) && gid.ValueKind == JsonValueKind.String)
        {
            return ShopifyIds.Normalise(gid.GetString()!, type)
                ?? throw new WebhookPayloadException(path + ".admin_graphql_api_id", $"is not a {type} GID.");
        }

        return ShopifyIds.Gid(type, Long(element, "id", path));
    }

    private static long Long(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw new WebhookPayloadException($"{path}.{name}", "is missing.");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)
            ? n
            : throw new WebhookPayloadException($"{path}.{name}", "must be an integer id.");
    }

    private static DateTimeOffset? Timestamp(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at)
            ? at
            : throw new WebhookPayloadException($"{path}.{name}", "must be an ISO 8601 timestamp.");
    }
}

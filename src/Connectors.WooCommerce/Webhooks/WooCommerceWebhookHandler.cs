using System.Globalization;
using System.Text;
using System.Text.Json;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce;

/// <summary>
/// Verifies and parses WooCommerce webhook deliveries: <c>X-WC-Webhook-Signature</c> is base64 HMAC-SHA256 of the raw body
/// with the webhook secret (compared in constant time); the creation ping (form body <c>webhook_id=N</c>, no
/// <c>X-WC-Webhook-*</c> headers) is answered as a ping. <c>order.created</c>, <c>order.updated</c>, <c>order.deleted</c>,
/// <c>order.restored</c> and <c>product.updated</c>/<c>product.created</c> become canonical events whose delivery id is
/// <c>{X-WC-Webhook-Delivery-ID}:{topic}:{resource id}:{date_modified_gmt}</c>, because WooCommerce reuses one
/// delivery id for several deliveries.
/// </summary>
public sealed class WooCommerceWebhookHandler : IWebhookHandler
{
    private const string SignatureHeader = "X-WC-Webhook-Signature";
    private const string TopicHeader = "X-WC-Webhook-Topic";
    private const string DeliveryHeader = "X-WC-Webhook-Delivery-ID";
    private readonly IOptionsMonitor<WooCommerceOptions> _monitor;

    /// <summary>Creates the handler of one channel.</summary>
    /// <param name="channel">The channel name (also the options name).</param>
    /// <param name="monitor">The options; <see cref="WooCommerceOptions.WebhookSecret"/> is read on every call.</param>
    public WooCommerceWebhookHandler(string channel, IOptionsMonitor<WooCommerceOptions> monitor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(monitor);
        Channel = channel;
        _monitor = monitor;
    }

    /// <inheritdoc />
    public string Channel { get; }

    /// <inheritdoc />
    public WebhookVerificationResult Verify(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var signature = request.GetHeader(SignatureHeader);
        if (string.IsNullOrEmpty(signature))
        {
            return IsPing(request)
                ? new WebhookVerificationResult { IsValid = true, FailureReason = null, IsPing = true }
                : WebhookVerificationResult.Invalid($"The {SignatureHeader} header is missing.");
        }

        var secret = _monitor.Get(Channel).WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return WebhookVerificationResult.Invalid($"No WebhookSecret is configured for WooCommerce channel '{Channel}'.");
        }

        return WebhookSignature.VerifyHmacSha256Base64(request.Body.Span, secret, signature)
            ? WebhookVerificationResult.Valid
            : WebhookVerificationResult.Invalid($"The {SignatureHeader} does not match the body.");
    }

    /// <inheritdoc />
    /// <remarks>Call <see cref="Verify"/> first. A ping and an unsupported topic give no events; a malformed body raises <see cref="WebhookPayloadException"/> naming the JSON path.</remarks>
    public IReadOnlyList<ChannelEvent> Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.GetHeader(SignatureHeader)) && IsPing(request))
        {
            return [];
        }

        var topic = request.GetHeader(TopicHeader);
        if (string.IsNullOrEmpty(topic))
        {
            throw new WebhookPayloadException(TopicHeader, "header is missing.");
        }

        var delivery = request.GetHeader(DeliveryHeader) ?? "-";
        try
        {
            return topic switch
            {
                "order.created" or "order.updated" or "order.restored" => [OrderEvent(request, topic, delivery)],
                "order.deleted" => [DeletedEvent(request, topic, delivery)],
                "product.updated" or "product.created" => ProductEvents(request, topic, delivery),
                _ => [],
            };
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException(JsonPaths.Full(ex), $"is malformed in the {topic} body: {ex.Message}", ex);
        }
        catch (WebhookOrParseException ex)
        {
            throw new WebhookPayloadException(ex.Path, ex.Reason, ex);
        }
        catch (ConnectorValidationException ex) when (ex is not WebhookPayloadException)
        {
            throw new WebhookPayloadException("$." + ex.FieldPath, ex.Message, ex);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or NullReferenceException)
        {
            // The body is untrusted input: whatever shape it takes, the answer is the typed error (found by fuzzing).
            throw new WebhookPayloadException("$", $"cannot be read in the {topic} body: {ex.Message}", ex);
        }
    }

    private OrderChannelEvent OrderEvent(WebhookRequest request, string topic, string delivery)
    {
        var wire = Deserialize(request, WooJsonContext.Default.WooOrder);
        if (wire.Id <= 0)
        {
            throw new WebhookPayloadException("$.id", "is missing or not positive.");
        }

        var order = WooMapper.ToChannelOrder(Channel, wire);
        var kind = topic == "order.created" ? OrderEventKind.Created : OrderEventKind.Updated;
        if (order.Status == ChannelOrderStatus.Cancelled)
        {
            kind = OrderEventKind.Cancelled;
        }

        var stamp = (wire.DateModifiedGmt ?? wire.DateModified ?? "-").Trim();
        return new OrderChannelEvent
        {
            Channel = Channel,
            DeliveryId = DeliveryId(delivery, topic, order.OrderId, stamp),
            OccurredAt = order.UpdatedAt,
            Kind = kind,
            OrderId = order.OrderId,
            Order = order,
        };
    }

    private OrderChannelEvent DeletedEvent(WebhookRequest request, string topic, string delivery)
    {
        var wire = Deserialize(request, WooJsonContext.Default.WooDeletedResource);
        if (wire.Id <= 0)
        {
            throw new WebhookPayloadException("$.id", "is missing or not positive.");
        }

        var id = wire.Id.ToString(CultureInfo.InvariantCulture);
        var stamp = request.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return new OrderChannelEvent
        {
            Channel = Channel,
            DeliveryId = DeliveryId(delivery, topic, id, stamp),
            OccurredAt = request.ReceivedAt,
            Kind = OrderEventKind.Cancelled,
            OrderId = id,
            Order = null,
        };
    }

    private List<ChannelEvent> ProductEvents(WebhookRequest request, string topic, string delivery)
    {
        var product = Deserialize(request, WooJsonContext.Default.WooProduct);
        if (product.Id <= 0)
        {
            throw new WebhookPayloadException("$.id", "is missing or not positive.");
        }

        if (string.Equals(product.Type, "variable", StringComparison.Ordinal))
        {
            return []; // stock lives on the variations, which send their own product.updated
        }

        var itemId = WooMapper.ItemId(product);
        var stamp = product.DateModifiedGmt ?? "-";
        DateTimeOffset occurred;
        try
        {
            occurred = WooMapper.ParseGmt(product.DateModifiedGmt) ?? request.ReceivedAt;
        }
        catch (FormatException ex)
        {
            throw new WebhookPayloadException("$.date_modified_gmt", ex.Message, ex);
        }

        int? available = product.ManageStock == false ? null : product.StockQuantity;
        return [new InventoryChangedEvent
        {
            Channel = Channel,
            DeliveryId = DeliveryId(delivery, topic, itemId, stamp),
            OccurredAt = occurred,
            ChannelItemId = itemId,
            LocationId = _monitor.Get(Channel).LocationId,
            Available = available,
        }];
    }

    private static T Deserialize<T>(WebhookRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (request.Body.IsEmpty)
        {
            throw new WebhookPayloadException("$", "the body is empty.");
        }

        return JsonSerializer.Deserialize(request.Body.Span, type) ?? throw new WebhookPayloadException("$", "the body is null.");
    }

    private static string DeliveryId(string delivery, string topic, string resourceId, string modified) =>
        $"{delivery}:{topic}:{resourceId}:{modified}";

    private static bool IsPing(WebhookRequest request)
    {
        var contentType = request.ContentType ?? request.GetHeader("Content-Type");
        if (contentType is not null && !contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var body = Encoding.UTF8.GetString(request.Body.Span).Trim();
        return body.StartsWith("webhook_id=", StringComparison.Ordinal)
            && body.Length > "webhook_id=".Length
            && body["webhook_id=".Length..].All(char.IsAsciiDigit);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Connectors.Magento;

/// <summary>
/// Verifies and parses Adobe Commerce webhook deliveries (the Commerce Webhooks module; Magento Open Source has none),
/// an optional fast path beside the order poll. With signature verification enabled in the store (Stores → Settings →
/// Configuration → Adobe Services → Webhooks), <c>x-adobe-commerce-webhook-signature</c> carries the base64 RSA-SHA256
/// (PKCS #1 v1.5) signature of the raw body made with the store's private key; it is checked with
/// <see cref="MagentoOptions.WebhookPublicKey"/>. The body is <c>{"eventName": "observer.…", "data": {"order": {…}}}</c>:
/// an order webhook (<c>data.order</c>, or <c>data.data_object</c> of a save event) becomes one
/// <see cref="OrderChannelEvent"/> naming the order's <c>entity_id</c>; the engine reads the order itself, because a
/// webhook's fields are whatever the merchant configured. Other webhooks give no events.
/// </summary>
public sealed class MagentoWebhookHandler : IWebhookHandler
{
    private const string SignatureHeader = "x-adobe-commerce-webhook-signature";
    private readonly IOptionsMonitor<MagentoOptions> _monitor;

    /// <summary>Creates the handler of one channel.</summary>
    /// <param name="channel">The channel name (also the options name).</param>
    /// <param name="monitor">The options; <see cref="MagentoOptions.WebhookPublicKey"/> is read on every call.</param>
    public MagentoWebhookHandler(string channel, IOptionsMonitor<MagentoOptions> monitor)
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
        if (string.IsNullOrWhiteSpace(signature))
        {
            return WebhookVerificationResult.Invalid($"The {SignatureHeader} header is missing.");
        }

        var pem = _monitor.Get(Channel).WebhookPublicKey;
        if (string.IsNullOrWhiteSpace(pem))
        {
            return WebhookVerificationResult.Invalid($"No WebhookPublicKey is configured for Magento channel '{Channel}'.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return WebhookVerificationResult.Invalid($"The {SignatureHeader} header is not base64.");
        }

        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException)
        {
            return WebhookVerificationResult.Invalid($"The WebhookPublicKey of Magento channel '{Channel}' is not a PEM public key.");
        }

        return rsa.VerifyData(request.Body.Span, bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            ? WebhookVerificationResult.Valid
            : WebhookVerificationResult.Invalid($"The {SignatureHeader} does not match the body.");
    }

    /// <inheritdoc />
    /// <remarks>Call <see cref="Verify"/> first. A malformed body raises <see cref="WebhookPayloadException"/> naming the JSON path.</remarks>
    public IReadOnlyList<ChannelEvent> Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body);
        }
        catch (JsonException ex)
        {
            throw new WebhookPayloadException("$", $"is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException("$", "must be an object with eventName and data.");
            }

            if (!root.TryGetProperty("eventName", out var nameElement) || nameElement.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameElement.GetString()))
            {
                throw new WebhookPayloadException("$.eventName", "is missing or not a string.");
            }

            var eventName = nameElement.GetString()!;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException("$.data", "is missing or not an object.");
            }

            var (order, path) = data.TryGetProperty("order", out var o) ? (o, "$.data.order")
                : data.TryGetProperty("data_object", out var d) && eventName.Contains("order", StringComparison.OrdinalIgnoreCase) ? (d, "$.data.data_object")
                : (default, null);
            if (path is null)
            {
                return []; // not an order webhook
            }

            if (order.ValueKind != JsonValueKind.Object)
            {
                throw new WebhookPayloadException(path, "is not an object.");
            }

            var id = order.TryGetProperty("entity_id", out var idElement) ? Number(idElement) : null;
            if (id is not > 0)
            {
                throw new WebhookPayloadException(path + ".entity_id", "is missing or not a positive order id; configure the webhook's fields to include the order's entity_id.");
            }

            var state = order.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var kind = state == "canceled" ? OrderEventKind.Cancelled
                : eventName.Contains("place", StringComparison.OrdinalIgnoreCase) ? OrderEventKind.Created
                : OrderEventKind.Updated;
            var occurredAt = request.ReceivedAt;
            if (order.TryGetProperty("updated_at", out var updated) && updated.ValueKind == JsonValueKind.String)
            {
                try
                {
                    occurredAt = Internal.MagentoMapper.ParseDate(updated.GetString(), path + ".updated_at");
                }
                catch (ConnectorValidationException ex)
                {
                    throw new WebhookPayloadException(path + ".updated_at", ex.Message, ex);
                }
            }

            // No delivery id header: the event, the order and its update time identify a delivery, so a repeat is one event.
            var orderId = id.Value.ToString(CultureInfo.InvariantCulture);
            var delivery = string.Create(CultureInfo.InvariantCulture, $"{eventName}:{orderId}:{occurredAt.UtcTicks}");
            return [new OrderChannelEvent
            {
                Channel = Channel,
                DeliveryId = delivery,
                OccurredAt = occurredAt,
                Kind = kind,
                OrderId = orderId,
                Order = null,
            }];
        }
    }

    private static long? Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}

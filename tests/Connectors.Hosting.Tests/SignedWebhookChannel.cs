using System.Globalization;
using System.Text.Json;

namespace Connectors.Hosting.Tests;

/// <summary>
/// A channel with webhooks for the tests: orders come from an inner <see cref="FakeChannel"/>; deliveries are JSON
/// <c>{"id": "...", "updated_at": "..."}</c> signed with base64 HMAC-SHA256 in <c>X-Signature</c>.
/// </summary>
internal sealed class SignedWebhookChannel(FakeChannel inner, string secret) : IOrderChannel, IInventoryChannel, IFulfillmentChannel, IWebhookHandler
{
    public FakeChannel Inner { get; } = inner;

    public string Name => Inner.Name;

    public string Channel => Inner.Name;

    public string Platform => "signed-fake";

    public ChannelCapabilities Capabilities => Inner.Capabilities;

    public WebhookVerificationResult Verify(WebhookRequest request)
    {
        if (request.GetHeader("X-Ping") is not null)
        {
            return new WebhookVerificationResult { IsValid = true, IsPing = true };
        }

        return WebhookSignature.VerifyHmacSha256Base64(request.Body.Span, secret, request.GetHeader("X-Signature"))
            ? WebhookVerificationResult.Valid
            : WebhookVerificationResult.Invalid("X-Signature does not match the body");
    }

    public IReadOnlyList<ChannelEvent> Parse(WebhookRequest request)
    {
        try
        {
            using var document = JsonDocument.Parse(request.Body);
            if (!document.RootElement.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                throw new WebhookPayloadException("$.id", "is missing or not a string.");
            }

            var at = DateTimeOffset.Parse(document.RootElement.GetProperty("updated_at").GetString()!, CultureInfo.InvariantCulture);
            return [new OrderChannelEvent
            {
                Channel = Name,
                DeliveryId = request.GetHeader("X-Delivery") ?? Guid.NewGuid().ToString(),
                OccurredAt = at,
                Kind = OrderEventKind.Created,
                OrderId = id.GetString()!,
                Order = null,
            }];
        }
        catch (JsonException e)
        {
            throw new WebhookPayloadException("$", "is not JSON: " + e.Message, e);
        }
    }

    public IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default) => Inner.ListOrdersAsync(updatedSince, cancellationToken);

    public Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => Inner.GetOrderAsync(orderId, cancellationToken);

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default) => Inner.AcknowledgeOrderAsync(acknowledgement, cancellationToken);

    public Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default) => Inner.PushInventoryAsync(targets, cancellationToken);

    public IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, CancellationToken cancellationToken = default) => Inner.ReadInventoryAsync(channelItemIds, cancellationToken);

    public Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default) => Inner.CreateFulfillmentAsync(request, cancellationToken);

    public Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default) => Inner.ListFulfillmentsAsync(channelOrderId, cancellationToken);

    public Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default) => Inner.UpdateTrackingAsync(fulfillmentId, tracking, cancellationToken);
}

using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    /// <summary>The webhook topics the engine needs (GraphQL enum names).</summary>
    public static IReadOnlyList<string> EngineTopics { get; } =
        ["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_PAID", "RETURNS_REQUEST", "INVENTORY_LEVELS_UPDATE"];

    /// <summary>Subscribes <paramref name="callback"/> to <paramref name="topics"/> (default: <see cref="EngineTopics"/>) with JSON payloads.</summary>
    public async Task SubscribeWebhooksAsync(Uri callback, IReadOnlyList<string>? topics = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        foreach (var topic in topics ?? EngineTopics)
        {
            var data = await _client.SendAsync(
                GraphDocuments.WebhookSubscriptionCreate,
                new WebhookSubscriptionCreateVariables(topic, new WebhookSubscriptionInput(callback.AbsoluteUri, "JSON")),
                ShopifyJsonContext.Default.WebhookSubscriptionCreateVariables,
                ShopifyJsonContext.Default.GraphResponseWebhookSubscriptionCreateData,
                cancellationToken).ConfigureAwait(false);
            ThrowOnUserErrors(data.WebhookSubscriptionCreate?.UserErrors, "webhookSubscription");
        }
    }
}

using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    /// <summary>The webhook topics the engine needs (GraphQL enum names).</summary>
    public static IReadOnlyList<string> EngineTopics { get; } =
        ["ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_CANCELLED", "ORDERS_PAID", "RETURNS_REQUEST", "INVENTORY_LEVELS_UPDATE"];

    /// <summary>
    /// Subscribes <paramref name="callback"/> to <paramref name="topics"/> (default: <see cref="EngineTopics"/>) with JSON
    /// payloads. Idempotent: a topic already subscribed at this address (Shopify: "Address for this topic has already
    /// been taken") counts as done. Every topic is tried; the topics refused for another reason are reported together
    /// in one <see cref="ConnectorValidationException"/>, one error per topic.
    /// </summary>
    public async Task SubscribeWebhooksAsync(Uri callback, IReadOnlyList<string>? topics = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var refused = new List<ValidationError>();
        foreach (var topic in topics ?? EngineTopics)
        {
            var data = await _client.SendAsync(
                GraphDocuments.WebhookSubscriptionCreate,
                new WebhookSubscriptionCreateVariables(topic, new WebhookSubscriptionInput(callback.AbsoluteUri, "JSON")),
                ShopifyJsonContext.Default.WebhookSubscriptionCreateVariables,
                ShopifyJsonContext.Default.GraphResponseWebhookSubscriptionCreateData,
                cancellationToken).ConfigureAwait(false);
            var errors = (data.WebhookSubscriptionCreate?.UserErrors ?? [])
                .Where(e => e.Message?.Contains("already been taken", StringComparison.OrdinalIgnoreCase) != true)
                .ToArray();
            refused.AddRange(errors.Select(e => new ValidationError(
                "topics." + topic,
                (e.Message ?? "is invalid") + (e.Field is { Count: > 0 } field ? $" ({string.Join('.', field)})" : string.Empty))));
        }

        if (refused.Count > 0)
        {
            throw new ConnectorValidationException(refused);
        }
    }
}

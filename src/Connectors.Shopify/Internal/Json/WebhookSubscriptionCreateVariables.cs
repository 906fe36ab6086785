namespace Connectors.Shopify.Internal.Json;

internal sealed record WebhookSubscriptionCreateVariables(string Topic, WebhookSubscriptionInput WebhookSubscription);

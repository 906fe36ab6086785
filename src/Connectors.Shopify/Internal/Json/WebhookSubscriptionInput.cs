namespace Connectors.Shopify.Internal.Json;

internal sealed record WebhookSubscriptionInput(string Uri, string Format);

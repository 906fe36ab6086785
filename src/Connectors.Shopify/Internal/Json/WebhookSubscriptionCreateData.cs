namespace Connectors.Shopify.Internal.Json;

internal sealed record WebhookSubscriptionCreateData(MutationPayload? WebhookSubscriptionCreate);

namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentPayload(FulfillmentNode? Fulfillment, IReadOnlyList<UserError>? UserErrors);

namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderAnswerPayload(FulfillmentOrderNode? FulfillmentOrder, IReadOnlyList<UserError>? UserErrors);

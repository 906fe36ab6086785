namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentServiceCreatePayload(FulfillmentServiceNode? FulfillmentService, IReadOnlyList<UserError>? UserErrors);

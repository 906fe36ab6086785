namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderMovePayload(FulfillmentOrderRef? MovedFulfillmentOrder, FulfillmentOrderRef? OriginalFulfillmentOrder, IReadOnlyList<UserError>? UserErrors);

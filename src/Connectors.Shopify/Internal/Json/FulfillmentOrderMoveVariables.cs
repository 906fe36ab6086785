namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderMoveVariables(string Id, string NewLocationId, IReadOnlyList<FulfillmentOrderLineItemInput> FulfillmentOrderLineItems);

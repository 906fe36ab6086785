namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderLineItemInput(string Id, int Quantity);

namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderLineItemsVariables(string Id, int First, string? After);

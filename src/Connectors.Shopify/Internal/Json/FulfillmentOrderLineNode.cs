namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderLineNode(string Id, int RemainingQuantity, int TotalQuantity, NodeRef? LineItem);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ReverseFulfillmentOrderLineNode(string Id, int TotalQuantity, NodeRef? FulfillmentLineItem);

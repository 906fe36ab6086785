namespace Connectors.Shopify.Internal.Json;

internal sealed record ReverseFulfillmentOrderNode(string Id, Connection<ReverseFulfillmentOrderLineNode>? LineItems);

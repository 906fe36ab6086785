namespace Connectors.Shopify.Internal.Json;

internal sealed record ReverseFulfillmentOrderData(ReverseFulfillmentOrderNode? ReverseFulfillmentOrder);

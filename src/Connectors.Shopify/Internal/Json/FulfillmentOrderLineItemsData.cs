namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderLineItemsData(FulfillmentOrderNode? FulfillmentOrder);

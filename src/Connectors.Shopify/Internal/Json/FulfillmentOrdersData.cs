namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrdersData(FulfillmentOrdersOrder? Order);

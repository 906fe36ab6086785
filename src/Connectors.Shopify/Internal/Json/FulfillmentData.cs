namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentData(FulfillmentNode? Fulfillment);

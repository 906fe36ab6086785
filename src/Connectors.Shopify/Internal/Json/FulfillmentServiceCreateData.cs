namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentServiceCreateData(FulfillmentServiceCreatePayload? FulfillmentServiceCreate);

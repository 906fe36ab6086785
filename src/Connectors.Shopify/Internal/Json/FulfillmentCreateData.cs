namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentCreateData(FulfillmentPayload? FulfillmentCreate);

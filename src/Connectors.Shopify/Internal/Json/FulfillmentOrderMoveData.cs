namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderMoveData(FulfillmentOrderMovePayload? FulfillmentOrderMove);

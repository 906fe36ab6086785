namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderOpenData(FulfillmentOrderAnswerPayload? FulfillmentOrderOpen);

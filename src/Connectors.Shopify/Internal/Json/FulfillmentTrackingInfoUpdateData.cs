namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentTrackingInfoUpdateData(FulfillmentPayload? FulfillmentTrackingInfoUpdate);

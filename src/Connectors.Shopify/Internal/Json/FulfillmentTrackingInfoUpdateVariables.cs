namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentTrackingInfoUpdateVariables(string FulfillmentId, FulfillmentTrackingInput TrackingInfoInput, bool? NotifyCustomer);

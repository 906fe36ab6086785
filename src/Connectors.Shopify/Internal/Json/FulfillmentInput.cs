namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentInput(IReadOnlyList<FulfillmentOrderLineItemsInput> LineItemsByFulfillmentOrder, bool NotifyCustomer, FulfillmentTrackingInput? TrackingInfo);

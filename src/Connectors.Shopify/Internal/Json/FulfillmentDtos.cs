namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrdersVariables(string Id, int First, int LinesFirst, int FulfillmentsFirst, int FulfillmentLinesFirst, string MarkerNamespace, string MarkerKey);

internal sealed record FulfillmentOrdersData(FulfillmentOrdersOrder? Order);

internal sealed record FulfillmentOrdersOrder(string Id, MetafieldValue? ShipmentMarker, Connection<FulfillmentOrderNode>? FulfillmentOrders, IReadOnlyList<FulfillmentNode>? Fulfillments);

internal sealed record FulfillmentOrderNode(string Id, string? Status, Connection<FulfillmentOrderLineNode>? LineItems);

internal sealed record FulfillmentOrderLineNode(string Id, int RemainingQuantity, int TotalQuantity, NodeRef? LineItem);

internal sealed record FulfillmentNode(string Id, string? Status, DateTimeOffset? CreatedAt, IReadOnlyList<TrackingNode>? TrackingInfo, Connection<FulfillmentLineNode>? FulfillmentLineItems);

internal sealed record TrackingNode(string? Number, string? Url, string? Company);

internal sealed record FulfillmentLineNode(int Quantity, NodeRef? LineItem);

internal sealed record FulfillmentCreateVariables(FulfillmentInput Fulfillment, string? Message);

internal sealed record FulfillmentInput(IReadOnlyList<FulfillmentOrderLineItemsInput> LineItemsByFulfillmentOrder, bool NotifyCustomer, FulfillmentTrackingInput? TrackingInfo);

internal sealed record FulfillmentOrderLineItemsInput(string FulfillmentOrderId, IReadOnlyList<FulfillmentOrderLineItemInput> FulfillmentOrderLineItems);

internal sealed record FulfillmentOrderLineItemInput(string Id, int Quantity);

internal sealed record FulfillmentTrackingInput(string? Company, IReadOnlyList<string>? Numbers, IReadOnlyList<string>? Urls);

internal sealed record FulfillmentCreateData(FulfillmentPayload? FulfillmentCreate);

internal sealed record FulfillmentPayload(FulfillmentNode? Fulfillment, IReadOnlyList<UserError>? UserErrors);

internal sealed record FulfillmentTrackingInfoUpdateVariables(string FulfillmentId, FulfillmentTrackingInput TrackingInfoInput, bool? NotifyCustomer);

internal sealed record FulfillmentTrackingInfoUpdateData(FulfillmentPayload? FulfillmentTrackingInfoUpdate);

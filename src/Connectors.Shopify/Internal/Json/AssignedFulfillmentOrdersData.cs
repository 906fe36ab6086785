namespace Connectors.Shopify.Internal.Json;

internal sealed record AssignedFulfillmentOrdersData(Connection<FulfillmentOrderNode>? AssignedFulfillmentOrders);

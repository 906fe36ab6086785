namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnDetailNode(
    string Id,
    string? Status,
    NodeRef? Order,
    Connection<ReturnLineNode>? ReturnLineItems,
    Connection<ReverseFulfillmentOrderNode>? ReverseFulfillmentOrders);

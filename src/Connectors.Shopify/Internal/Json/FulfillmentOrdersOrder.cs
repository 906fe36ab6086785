namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrdersOrder(
    string Id,
    MetafieldValue? ShipmentMarker,
    Connection<MetafieldNode>? ShipmentMarkers,
    Connection<FulfillmentOrderNode>? FulfillmentOrders,
    IReadOnlyList<FulfillmentNode>? Fulfillments);

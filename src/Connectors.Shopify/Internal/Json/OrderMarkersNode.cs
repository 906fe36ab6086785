namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderMarkersNode(string Id, Connection<MetafieldNode>? ShipmentMarkers);

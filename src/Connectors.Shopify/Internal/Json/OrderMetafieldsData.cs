namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderMetafieldsData(OrderMarkersNode? Order);

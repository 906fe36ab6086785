namespace Connectors.Shopify.Internal.Json;

internal sealed record LocationsData(Connection<LocationNode>? Locations);

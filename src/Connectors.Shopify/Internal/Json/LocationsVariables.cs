namespace Connectors.Shopify.Internal.Json;

internal sealed record LocationsVariables(int First, string? After);

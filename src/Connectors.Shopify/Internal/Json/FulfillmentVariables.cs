namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentVariables(string Id, int First, string? After);

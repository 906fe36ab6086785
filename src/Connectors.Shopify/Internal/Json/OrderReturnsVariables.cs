namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderReturnsVariables(string Id, int First, string? After, int LinesFirst);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnsVariables(int First, string? After, string Query, int ReturnsFirst, int LinesFirst);

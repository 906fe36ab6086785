namespace Connectors.Shopify.Internal.Json;

internal sealed record ProductVariantsVariables(int First, string? After, string? Query = null);

namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphErrorExtensions(string? Code, GraphCost? Cost);

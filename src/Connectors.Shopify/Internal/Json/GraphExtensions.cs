namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphExtensions(GraphCost? Cost);

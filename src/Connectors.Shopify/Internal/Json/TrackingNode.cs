namespace Connectors.Shopify.Internal.Json;

internal sealed record TrackingNode(string? Number, string? Url, string? Company);

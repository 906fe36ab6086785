namespace Connectors.Shopify.Internal.Json;

internal sealed record LocationNode(string Id, string? Name, bool? IsActive);

namespace Connectors.Shopify.Internal.Json;

internal sealed record MetafieldNode(string? Key, string? Value);

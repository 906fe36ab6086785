namespace Connectors.Shopify.Internal.Json;

internal sealed record MetafieldValue(string? Value);

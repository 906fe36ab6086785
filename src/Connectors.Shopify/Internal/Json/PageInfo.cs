namespace Connectors.Shopify.Internal.Json;

internal sealed record PageInfo(bool HasNextPage, string? EndCursor);

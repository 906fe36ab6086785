namespace Connectors.Shopify.Internal.Json;

internal sealed record Connection<T>(PageInfo? PageInfo, IReadOnlyList<T>? Nodes);

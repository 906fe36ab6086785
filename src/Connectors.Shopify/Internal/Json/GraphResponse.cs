namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphResponse<TData>(TData? Data, IReadOnlyList<GraphError>? Errors, GraphExtensions? Extensions);

namespace Connectors.Shopify.Internal.Json;

internal sealed record TagsAddVariables(string Id, IReadOnlyList<string> Tags);

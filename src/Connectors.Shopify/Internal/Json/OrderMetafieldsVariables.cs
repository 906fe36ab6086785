namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderMetafieldsVariables(string Id, string Namespace, int First, string? After);

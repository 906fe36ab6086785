namespace Connectors.Shopify.Internal.Json;

/// <summary>One page of a connection of the object with <paramref name="Id"/>.</summary>
internal sealed record IdPageVariables(string Id, int First, string? After);

namespace Connectors.Shopify.Internal.Json;

internal sealed record NodeRef(string Id);

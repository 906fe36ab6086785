namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderLineItemsVariables(string Id, int First, string? After);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ReverseFulfillmentOrdersVariables(string Id, int First, string? After, int LinesFirst);

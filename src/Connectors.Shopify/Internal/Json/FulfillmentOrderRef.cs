namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderRef(string Id, string? Status);

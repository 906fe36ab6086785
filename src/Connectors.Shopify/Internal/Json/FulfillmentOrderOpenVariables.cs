namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderOpenVariables(string Id);

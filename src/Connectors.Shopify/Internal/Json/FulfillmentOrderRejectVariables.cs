namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentOrderRejectVariables(string Id, string? Message, string? Reason);

namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderVariables(string Id, int LinesFirst, int FulfillmentOrdersFirst, string AckNamespace, string AckKey);

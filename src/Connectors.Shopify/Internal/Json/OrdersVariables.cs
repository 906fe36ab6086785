namespace Connectors.Shopify.Internal.Json;

internal sealed record OrdersVariables(int First, string? After, string Query, int LinesFirst, int FulfillmentOrdersFirst, string AckNamespace, string AckKey);

namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderLineItemsData(OrderLinesNode? Order);

namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderData(OrderNode? Order);

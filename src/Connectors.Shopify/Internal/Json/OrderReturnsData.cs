namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderReturnsData(ReturnOrderNode? Order);

namespace Connectors.Shopify.Internal.Json;

internal sealed record GraphCost(double RequestedQueryCost, double? ActualQueryCost, ThrottleStatus? ThrottleStatus);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentTrackingInput(string? Company, IReadOnlyList<string>? Numbers, IReadOnlyList<string>? Urls);

namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentNode(string Id, string? Status, DateTimeOffset? CreatedAt, IReadOnlyList<TrackingNode>? TrackingInfo, Connection<FulfillmentLineNode>? FulfillmentLineItems);

namespace Connectors.Shopify.Internal.Json;

internal sealed record FulfillmentServiceNode(string Id, string? ServiceName, string? Handle, NodeRef? Location);

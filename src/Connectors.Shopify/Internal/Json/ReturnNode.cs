namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnNode(string Id, string? Status, DateTimeOffset? CreatedAt, Connection<ReturnLineNode>? ReturnLineItems);

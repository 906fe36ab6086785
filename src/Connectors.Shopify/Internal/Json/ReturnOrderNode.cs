namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnOrderNode(string Id, Connection<ReturnNode>? Returns);

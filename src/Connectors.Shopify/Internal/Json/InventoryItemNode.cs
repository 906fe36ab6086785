namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryItemNode(string? Id, Connection<InventoryLevelNode>? InventoryLevels);

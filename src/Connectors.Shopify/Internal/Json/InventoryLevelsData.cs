namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryLevelsData(Connection<InventoryItemNode>? InventoryItems);

namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryItemLevelsData(IReadOnlyList<InventoryItemNode?>? Nodes);

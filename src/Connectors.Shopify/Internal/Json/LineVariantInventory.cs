namespace Connectors.Shopify.Internal.Json;

internal sealed record LineVariantInventory(NodeRef? InventoryItem);

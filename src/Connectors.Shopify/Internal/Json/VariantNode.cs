namespace Connectors.Shopify.Internal.Json;

internal sealed record VariantNode(string Id, string? Sku, string? Title, string? DisplayName, NodeRef? Product, InventoryItemRef? InventoryItem);

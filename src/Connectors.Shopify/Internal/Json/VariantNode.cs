namespace Connectors.Shopify.Internal.Json;

internal sealed record VariantNode(string Id, string? Sku, string? Title, string? DisplayName, ProductRef? Product, InventoryItemRef? InventoryItem, int? InventoryQuantity = null, string? InventoryPolicy = null);

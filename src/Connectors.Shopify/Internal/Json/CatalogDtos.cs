namespace Connectors.Shopify.Internal.Json;

internal sealed record ProductVariantsVariables(int First, string? After);

internal sealed record ProductVariantsData(Connection<VariantNode>? ProductVariants);

internal sealed record VariantNode(string Id, string? Sku, string? Title, string? DisplayName, NodeRef? Product, InventoryItemRef? InventoryItem);

internal sealed record InventoryItemRef(string Id, bool? Tracked);

internal sealed record LocationsVariables(int First, string? After);

internal sealed record LocationsData(Connection<LocationNode>? Locations);

internal sealed record LocationNode(string Id, string? Name, bool? IsActive);

namespace Connectors.Shopify.Internal.Json;

internal sealed record LineVariantNode(string Id, NodeRef? InventoryItem);

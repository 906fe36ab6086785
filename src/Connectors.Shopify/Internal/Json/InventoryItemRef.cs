namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryItemRef(string Id, bool? Tracked);

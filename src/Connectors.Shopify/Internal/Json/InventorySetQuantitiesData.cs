namespace Connectors.Shopify.Internal.Json;

internal sealed record InventorySetQuantitiesData(InventorySetQuantitiesPayload? InventorySetQuantities);

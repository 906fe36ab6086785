namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryActivateData(InventoryActivatePayload? InventoryActivate);

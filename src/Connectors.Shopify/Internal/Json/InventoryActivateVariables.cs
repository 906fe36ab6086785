namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryActivateVariables(string InventoryItemId, string LocationId, int? Available, string IdempotencyKey);

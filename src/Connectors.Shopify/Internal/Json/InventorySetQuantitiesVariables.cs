namespace Connectors.Shopify.Internal.Json;

internal sealed record InventorySetQuantitiesVariables(InventorySetQuantitiesInput Input, string IdempotencyKey);

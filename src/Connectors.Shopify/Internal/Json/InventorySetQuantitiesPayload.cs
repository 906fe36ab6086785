namespace Connectors.Shopify.Internal.Json;

internal sealed record InventorySetQuantitiesPayload(NodeRef? InventoryAdjustmentGroup, IReadOnlyList<UserError>? UserErrors);

namespace Connectors.Shopify.Internal.Json;

internal sealed record InventorySetQuantitiesVariables(InventorySetQuantitiesInput Input, string IdempotencyKey);

internal sealed record InventorySetQuantitiesInput(string Name, string Reason, string? ReferenceDocumentUri, IReadOnlyList<InventoryQuantityInput> Quantities);

/// <summary>
/// <c>changeFromQuantity</c> is always written (null = absolute set without compare-and-swap), as 2026-04 requires the
/// field to be present and 2026-01 accepts it.
/// </summary>
internal sealed record InventoryQuantityInput(string InventoryItemId, string LocationId, int Quantity, int? ChangeFromQuantity);

internal sealed record InventorySetQuantitiesData(InventorySetQuantitiesPayload? InventorySetQuantities);

internal sealed record InventorySetQuantitiesPayload(NodeRef? InventoryAdjustmentGroup, IReadOnlyList<UserError>? UserErrors);

internal sealed record InventoryLevelsVariables(int First, string? After, int LevelsFirst);

internal sealed record InventoryItemLevelsVariables(IReadOnlyList<string> Ids, int LevelsFirst);

internal sealed record InventoryLevelsData(Connection<InventoryItemNode>? InventoryItems);

internal sealed record InventoryItemLevelsData(IReadOnlyList<InventoryItemNode?>? Nodes);

internal sealed record InventoryItemNode(string? Id, Connection<InventoryLevelNode>? InventoryLevels);

internal sealed record InventoryLevelNode(NodeRef? Location, IReadOnlyList<QuantityNode>? Quantities);

internal sealed record QuantityNode(string Name, int Quantity);

namespace Connectors.Shopify.Internal.Json;

/// <summary>
/// <c>changeFromQuantity</c> is always written (null = absolute set without compare-and-swap), as 2026-04 requires the
/// field to be present and 2026-01 accepts it.
/// </summary>
internal sealed record InventoryQuantityInput(string InventoryItemId, string LocationId, int Quantity, int? ChangeFromQuantity);

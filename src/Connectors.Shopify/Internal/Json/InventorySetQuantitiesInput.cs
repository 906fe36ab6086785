namespace Connectors.Shopify.Internal.Json;

internal sealed record InventorySetQuantitiesInput(string Name, string Reason, string? ReferenceDocumentUri, IReadOnlyList<InventoryQuantityInput> Quantities);

namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryItemLevelsVariables(IReadOnlyList<string> Ids, int LevelsFirst, string? LevelsAfter = null);

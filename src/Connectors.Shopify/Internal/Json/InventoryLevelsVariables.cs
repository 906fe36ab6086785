namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryLevelsVariables(int First, string? After, int LevelsFirst);

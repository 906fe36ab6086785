namespace Connectors.Shopify.Internal.Json;

internal sealed record InventoryLevelNode(NodeRef? Location, IReadOnlyList<QuantityNode>? Quantities);

namespace Connectors.Shopify.Internal.Json;

internal sealed record QuantityNode(string Name, int Quantity);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnsData(Connection<ReturnOrderNode>? Orders);

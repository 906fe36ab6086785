namespace Connectors.Shopify.Internal.Json;

internal sealed record OrderLinesNode(string Id, Connection<LineItemNode>? LineItems);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ShippingLineNode(string? Title);

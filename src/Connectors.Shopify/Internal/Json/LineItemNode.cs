namespace Connectors.Shopify.Internal.Json;

internal sealed record LineItemNode(string Id, string? Sku, string? Title, int Quantity, LineVariantNode? Variant, MoneyBag? OriginalUnitPriceSet);

namespace Connectors.Shopify.Internal.Json;

internal sealed record ReturnLineItemRef(string Id, LineVariantInventory? Variant);

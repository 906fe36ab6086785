using System.Text.Json.Serialization;

namespace Connectors.Shopify.Internal.Json;

// The price push's GraphQL shapes (ShopCurrency, InventoryItemVariants, ProductVariantsBulkUpdate).

internal sealed record ShopCurrencyData(ShopCurrencyNode? Shop);

internal sealed record ShopCurrencyNode(string? CurrencyCode);

internal sealed record InventoryItemVariantsVariables(IReadOnlyList<string> Ids, int VariantsFirst, string? VariantsAfter = null);

internal sealed record InventoryItemVariantsData(IReadOnlyList<InventoryItemVariantsNode?>? Nodes);

internal sealed record InventoryItemVariantsNode(string? Id, Connection<PricedVariantNode>? Variants);

internal sealed record PricedVariantNode(string Id, ProductRef? Product, string? Price = null, string? CompareAtPrice = null);

internal sealed record ProductVariantsBulkUpdateVariables(string ProductId, IReadOnlyList<VariantPriceInput> Variants);

/// <summary>
/// One variant's prices. <c>compareAtPrice</c> is always written (null clears a compare-at price the variant had), so it
/// is not left out when null.
/// </summary>
internal sealed record VariantPriceInput(
    string Id,
    string Price,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CompareAtPrice);

internal sealed record ProductVariantsBulkUpdateData(ProductVariantsBulkUpdatePayload? ProductVariantsBulkUpdate);

internal sealed record ProductVariantsBulkUpdatePayload(IReadOnlyList<PricedVariantNode>? ProductVariants, IReadOnlyList<UserError>? UserErrors);

namespace Connectors.Shopify.Internal;

internal static partial class GraphDocuments
{
    public const string ShopCurrency = nameof(ShopCurrency);
    public const string InventoryItemVariants = nameof(InventoryItemVariants);
    public const string ProductVariantsBulkUpdate = nameof(ProductVariantsBulkUpdate);

    /// <summary>The price push's operations (part of <see cref="All"/>); a property, as static fields of partial files initialise in no set order.</summary>
    private static string[] PriceOperations => [ShopCurrency, InventoryItemVariants, ProductVariantsBulkUpdate];
}

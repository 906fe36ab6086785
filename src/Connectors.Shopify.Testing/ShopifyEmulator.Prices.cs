namespace Connectors.Testing.Shopify;

/// <summary>Variant prices: what <c>productVariantsBulkUpdate</c> stored, and products with several variants.</summary>
public sealed partial class ShopifyEmulator
{
    /// <summary>Adds a variant to an existing product (a product with several variants: sizes, colours).</summary>
    /// <param name="productId">The Product GID (<see cref="ShopifyEmulatorVariant.ProductId"/> of a variant added before).</param>
    /// <param name="sku">The SKU.</param>
    /// <param name="available">The available quantity at the location.</param>
    /// <param name="locationId">The Location GID, or null for none.</param>
    /// <returns>The variant's ids.</returns>
    /// <exception cref="ArgumentException">No product has that id.</exception>
    public ShopifyEmulatorVariant AddVariantToProduct(string productId, string sku, int available = 0, string? locationId = null)
    {
        ArgumentNullException.ThrowIfNull(productId);
        var variant = _graph.AddVariantToProduct(Id(productId), sku, sku, locationId is null ? null : Id(locationId), available);
        return new ShopifyEmulatorVariant
        {
            VariantId = Internal.EmulatorGraph.Gid("ProductVariant", variant.Id),
            InventoryItemId = Internal.EmulatorGraph.Gid("InventoryItem", variant.InventoryItemId),
            Sku = sku,
            ProductId = productId,
        };
    }

    /// <summary>Deletes a variant as the merchant does (<c>productVariantsBulkDelete</c>): its inventory item and levels go with it.</summary>
    /// <param name="variantId">The ProductVariant GID.</param>
    /// <returns>Whether it existed.</returns>
    public bool RemoveVariant(string variantId)
    {
        ArgumentNullException.ThrowIfNull(variantId);
        return _graph.RemoveVariant(Id(variantId));
    }

    /// <summary>The price and compare-at price a variant has, in the shop currency, or null when there is no such variant.</summary>
    /// <param name="variantId">The ProductVariant GID.</param>
    /// <returns>The prices.</returns>
    public ShopifyEmulatorPrice? GetPrice(string variantId)
    {
        ArgumentNullException.ThrowIfNull(variantId);
        return _graph.GetPrice(Id(variantId)) is { } p ? new ShopifyEmulatorPrice { Price = p.Price, CompareAtPrice = p.CompareAtPrice } : null;
    }
}

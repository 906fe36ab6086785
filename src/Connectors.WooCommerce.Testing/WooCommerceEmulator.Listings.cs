namespace Connectors.Testing.WooCommerce;

/// <summary>Product and variation statuses, as a merchant sets them in the admin.</summary>
public sealed partial class WooCommerceEmulator
{
    // The REST API's product "status" enum (products and variations alike, _products.md / _product-variations.md).
    private static readonly string[] ProductStatuses = ["draft", "pending", "private", "publish", "future"];

    /// <summary>Sets the status of a product or variation (<c>draft</c>, <c>pending</c>, <c>private</c>, <c>publish</c>, <c>future</c>).</summary>
    /// <param name="productId">The product, or the variable product of the variation.</param>
    /// <param name="status">The status.</param>
    /// <param name="variationId">The variation, or 0 for the product itself.</param>
    /// <exception cref="ArgumentException">The status is not one of the API's.</exception>
    public void SetProductStatus(long productId, string status, long variationId = 0)
    {
        if (!ProductStatuses.Contains(status))
        {
            throw new ArgumentException($"status is not one of {string.Join(", ", ProductStatuses)}.", nameof(status));
        }

        lock (_gate)
        {
            var product = _products[variationId == 0 ? productId : variationId];
            product.Status = status;
            product.Modified = Now;
        }
    }

    /// <summary>
    /// Sets the stored stock status of a product or variation (<c>instock</c>, <c>outofstock</c>, <c>onbackorder</c>), as
    /// a merchant does for an item whose stock WooCommerce does not manage; an item with <c>manage_stock</c> on keeps
    /// showing the status its quantity gives.
    /// </summary>
    /// <param name="productId">The product, or the variable product of the variation.</param>
    /// <param name="stockStatus">The stock status.</param>
    /// <param name="variationId">The variation, or 0 for the product itself.</param>
    /// <exception cref="ArgumentException">The stock status is not one of the API's.</exception>
    public void SetStockStatus(long productId, string stockStatus, long variationId = 0)
    {
        if (!StockStatuses.Contains(stockStatus))
        {
            throw new ArgumentException($"stock status is not one of {string.Join(", ", StockStatuses)}.", nameof(stockStatus));
        }

        lock (_gate)
        {
            var product = _products[variationId == 0 ? productId : variationId];
            product.StockStatus = stockStatus;
            product.Modified = Now;
        }
    }

    /// <summary>The status of a product or variation now (<c>publish</c>, <c>private</c>, …).</summary>
    /// <param name="productId">The product, or the variable product of the variation.</param>
    /// <param name="variationId">The variation, or 0 for the product itself.</param>
    /// <returns>The status.</returns>
    public string GetProductStatus(long productId, long variationId = 0)
    {
        lock (_gate)
        {
            return _products[variationId == 0 ? productId : variationId].Status;
        }
    }
}

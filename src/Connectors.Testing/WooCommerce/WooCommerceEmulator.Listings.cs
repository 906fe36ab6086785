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
}

namespace Connectors.Testing.Shopify;

/// <summary>Product status, as <c>productUpdate</c> left it.</summary>
public sealed partial class ShopifyEmulator
{
    /// <summary>The status of a product (<c>ACTIVE</c>, <c>ARCHIVED</c>, <c>DRAFT</c>, <c>UNLISTED</c>), shared by its variants.</summary>
    /// <param name="productId">The Product GID (<see cref="ShopifyEmulatorVariant.ProductId"/>).</param>
    /// <returns>The status, or null when the shop has no such product.</returns>
    public string? GetProductStatus(string productId)
    {
        ArgumentNullException.ThrowIfNull(productId);
        return _graph.GetProductStatus(Id(productId));
    }
}

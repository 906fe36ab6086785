namespace Connectors.Testing.Shopify;

/// <summary>A variant's prices in the emulated shop, in its currency (<see cref="ShopifyEmulatorOptions.ShopCurrency"/>).</summary>
public sealed record ShopifyEmulatorPrice
{
    /// <summary>The variant's <c>price</c>.</summary>
    public required decimal Price { get; init; }

    /// <summary>The variant's <c>compareAtPrice</c>, or null when it has none.</summary>
    public decimal? CompareAtPrice { get; init; }
}

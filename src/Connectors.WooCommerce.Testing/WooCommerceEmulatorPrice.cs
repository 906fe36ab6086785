namespace Connectors.Testing.WooCommerce;

/// <summary>The price fields of a product or variation in the <see cref="WooCommerceEmulator"/>, as the shop stores them.</summary>
public sealed record WooCommerceEmulatorPrice
{
    /// <summary>The stored <c>regular_price</c> text (empty for none).</summary>
    public required string RegularPrice { get; init; }

    /// <summary>The stored <c>sale_price</c> text (empty for none).</summary>
    public required string SalePrice { get; init; }

    /// <summary>When the sale starts (<c>date_on_sale_from_gmt</c>), or <see langword="null"/>.</summary>
    public DateTimeOffset? SaleFrom { get; init; }

    /// <summary>When the sale ends (<c>date_on_sale_to_gmt</c>), or <see langword="null"/>.</summary>
    public DateTimeOffset? SaleTo { get; init; }

    /// <summary>The <c>price</c> a buyer pays now: the sale price while on sale, otherwise the regular price.</summary>
    public required string Price { get; init; }

    /// <summary>Whether the product is on sale now (<c>on_sale</c>).</summary>
    public bool OnSale { get; init; }
}

namespace Connectors.Testing.WooCommerce.Internal;

/// <summary>A product or variation held by the emulator (its own model; it shares nothing with the client).</summary>
internal sealed class EmuProduct
{
    public long Id { get; init; }
    public long ParentId { get; init; }
    public required string Type { get; init; }
    public required string Name { get; set; }
    public string Sku { get; set; } = string.Empty;

    /// <summary>The stored <c>_regular_price</c>: the text <c>wc_format_decimal</c> made of what was sent ("" for none).</summary>
    public string RegularPrice { get; set; } = string.Empty;

    /// <summary>The stored <c>_sale_price</c> ("" for none).</summary>
    public string SalePrice { get; set; } = string.Empty;

    /// <summary>The stored <c>_sale_price_dates_from</c> (UTC), or null.</summary>
    public DateTime? SaleFrom { get; set; }

    /// <summary>The stored <c>_sale_price_dates_to</c> (UTC), or null.</summary>
    public DateTime? SaleTo { get; set; }
    public bool ManageStock { get; set; }
    public int? Stock { get; set; }
    public string Status { get; set; } = "publish";

    /// <summary>
    /// The stored <c>_stock_status</c>. Shown only while stock is not managed: with <c>manage_stock</c> on, WooCommerce
    /// derives the status from the quantity on every save (<see cref="ShownStockStatus"/>).
    /// </summary>
    public string StockStatus { get; set; } = "instock";

    /// <summary>The <c>stock_status</c> the API shows.</summary>
    public string ShownStockStatus => ManageStock ? (Stock > 0 ? "instock" : "outofstock") : StockStatus;
    public string? AttributeName { get; init; }
    public string? Option { get; init; }
    public List<long> Variations { get; } = [];
    public DateTime Modified { get; set; }
    public DateTime Created { get; init; }

    /// <summary>
    /// <c>WC_Product::is_on_sale</c>: a sale price is set and below the regular price (compared as numbers), its start
    /// has come and its end has not passed.
    /// </summary>
    public bool IsOnSale(DateTime now) =>
        SalePrice.Length > 0
        && Number(RegularPrice) > Number(SalePrice)
        && (SaleFrom is not { } from || from <= now)
        && (SaleTo is not { } to || to >= now);

    /// <summary>The <c>price</c> WooCommerce shows: the sale price while on sale, otherwise the regular price.</summary>
    public string ActivePrice(DateTime now) => IsOnSale(now) ? SalePrice : RegularPrice;

    /// <summary>PHP's numeric reading of a stored price (a non-numeric or empty string is 0).</summary>
    private static decimal Number(string text) =>
        decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0m;

    /// <summary>A copy to render outside the emulator's lock.</summary>
    public EmuProduct Snapshot()
    {
        var copy = new EmuProduct
        {
            Id = Id, ParentId = ParentId, Type = Type, Name = Name, Sku = Sku, RegularPrice = RegularPrice, SalePrice = SalePrice, SaleFrom = SaleFrom, SaleTo = SaleTo, ManageStock = ManageStock, Stock = Stock, Status = Status, StockStatus = StockStatus,
            AttributeName = AttributeName, Option = Option, Modified = Modified, Created = Created,
        };
        copy.Variations.AddRange(Variations);
        return copy;
    }
}

using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary>The body of <c>POST /V1/products/base-prices</c>.</summary>
internal sealed class BasePricesRequest
{
    [JsonPropertyName("prices")]
    public required List<BasePriceItem> Prices { get; init; }
}

/// <summary><c>catalog-data-base-price-interface</c>.</summary>
internal sealed class BasePriceItem
{
    [JsonPropertyName("price")]
    public decimal Price { get; init; }

    [JsonPropertyName("store_id")]
    public int StoreId { get; init; }

    [JsonPropertyName("sku")]
    public required string Sku { get; init; }
}

/// <summary>The body of <c>POST /V1/products/special-price</c> and <c>/V1/products/special-price-delete</c>.</summary>
internal sealed class SpecialPricesRequest
{
    [JsonPropertyName("prices")]
    public required List<SpecialPriceItem> Prices { get; init; }
}

/// <summary>
/// <c>catalog-data-special-price-interface</c>. The schema requires both dates; an empty string leaves a side of the window
/// open (Magento writes no date then).
/// </summary>
internal sealed class SpecialPriceItem
{
    [JsonPropertyName("price")]
    public decimal Price { get; set; }

    [JsonPropertyName("store_id")]
    public int StoreId { get; set; }

    [JsonPropertyName("sku")]
    public string? Sku { get; set; }

    [JsonPropertyName("price_from")]
    public string? PriceFrom { get; set; }

    [JsonPropertyName("price_to")]
    public string? PriceTo { get; set; }
}

/// <summary>The body of <c>POST /V1/products/special-price-information</c>.</summary>
internal sealed class SkusRequest
{
    [JsonPropertyName("skus")]
    public required List<string> Skus { get; init; }
}

/// <summary>
/// <c>catalog-data-price-update-result-interface</c>: one refused item. Magento gives no row index: the item is known by the
/// SKU among the parameters.
/// </summary>
internal sealed class PriceUpdateResult
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("parameters")]
    public List<string?>? Parameters { get; set; }
}

/// <summary><c>store-data-store-config-interface</c>, the fields prices need.</summary>
internal sealed class StoreConfig
{
    [JsonPropertyName("id")]
    public int Id { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("base_currency_code")]
    public string? BaseCurrencyCode { get; set; }

    [JsonPropertyName("timezone")]
    public string? Timezone { get; set; }
}

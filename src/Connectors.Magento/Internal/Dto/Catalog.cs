using System.Text.Json.Serialization;

namespace Connectors.Magento.Internal.Dto;

/// <summary><c>catalog-data-product-interface</c>, the fields the connector reads.</summary>
internal sealed class Product
{
    [JsonPropertyName("id")]
    public long Id { get; set; }

    [JsonPropertyName("sku")]
    public string? Sku { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("type_id")]
    public string? TypeId { get; set; }

    [JsonPropertyName("status")]
    public int? Status { get; set; }

    [JsonPropertyName("visibility")]
    public int? Visibility { get; set; }

    [JsonPropertyName("extension_attributes")]
    public ProductExtension? ExtensionAttributes { get; set; }
}

/// <summary><c>catalog-data-product-extension-interface</c>, the configurable children.</summary>
internal sealed class ProductExtension
{
    [JsonPropertyName("configurable_product_links")]
    public List<long>? ConfigurableProductLinks { get; set; }

    [JsonPropertyName("stock_item")]
    public ProductStockItem? StockItem { get; set; }
}

/// <summary><c>cataloginventory-data-stock-item-interface</c> as a product read carries it (MSI keeps it for the default source).</summary>
internal sealed class ProductStockItem
{
    [JsonPropertyName("is_in_stock")]
    public bool? IsInStock { get; set; }

    [JsonPropertyName("manage_stock")]
    public bool? ManageStock { get; set; }
}

/// <summary>The body of <c>PUT /V1/products/{sku}</c> the listing actions send: the SKU and the status, nothing else.</summary>
internal sealed class ProductStatusRequest
{
    [JsonPropertyName("product")]
    public required ProductStatusChange Product { get; init; }
}

/// <summary>The part of <c>catalog-data-product-interface</c> a status change writes.</summary>
internal sealed class ProductStatusChange
{
    [JsonPropertyName("sku")]
    public required string Sku { get; init; }

    [JsonPropertyName("status")]
    public required int Status { get; init; }
}

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

    [JsonPropertyName("extension_attributes")]
    public ProductExtension? ExtensionAttributes { get; set; }
}

/// <summary><c>catalog-data-product-extension-interface</c>, the configurable children.</summary>
internal sealed class ProductExtension
{
    [JsonPropertyName("configurable_product_links")]
    public List<long>? ConfigurableProductLinks { get; set; }
}

using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooLineItem
{
    public long Id { get; init; }
    public string? Name { get; init; }
    public long ProductId { get; init; }
    public long VariationId { get; init; }
    public int? Quantity { get; init; }
    public decimal? Subtotal { get; init; }
    public decimal? Total { get; init; }
    public decimal? Price { get; init; }
    public string? Sku { get; init; }

    [JsonConverter(typeof(FlexibleListConverter<WooMeta>))]
    public List<WooMeta> MetaData { get; set; } = [];
}

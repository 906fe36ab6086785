using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>A product or a variation (the same shape for what this connector reads).</summary>
internal sealed class WooProduct
{
    public long Id { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    public string? Status { get; init; }
    public string? Sku { get; init; }
    public long? ParentId { get; init; }
    public bool? ManageStock { get; init; }
    public int? StockQuantity { get; init; }
    public string? StockStatus { get; init; }
    public string? DateModifiedGmt { get; init; }

    [JsonConverter(typeof(FlexibleListConverter<long>))]
    public List<long> Variations { get; set; } = [];

    [JsonConverter(typeof(FlexibleListConverter<WooAttribute>))]
    public List<WooAttribute> Attributes { get; set; } = [];
}

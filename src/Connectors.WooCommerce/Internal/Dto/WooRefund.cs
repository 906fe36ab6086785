using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooRefund
{
    public long Id { get; init; }
    public string? DateCreatedGmt { get; init; }
    public decimal? Amount { get; init; }
    public string? Reason { get; init; }

    [JsonConverter(typeof(FlexibleListConverter<WooLineItem>))]
    public List<WooLineItem> LineItems { get; set; } = [];
}

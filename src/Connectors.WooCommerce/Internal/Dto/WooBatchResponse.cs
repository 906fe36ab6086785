using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooBatchResponse
{
    [JsonConverter(typeof(FlexibleListConverter<WooBatchItem>))]
    public List<WooBatchItem> Update { get; set; } = [];
}

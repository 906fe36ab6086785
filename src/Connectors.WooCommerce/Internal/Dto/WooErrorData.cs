using System.Text.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooErrorData
{
    public int? Status { get; init; }
    public Dictionary<string, JsonElement>? Params { get; init; }
}

using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooError
{
    public string? Code { get; init; }
    public string? Message { get; init; }

    [JsonConverter(typeof(EmptyAsNullConverter<WooErrorData>))]
    public WooErrorData? Data { get; init; }
}

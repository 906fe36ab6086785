using System.Text.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooMetaWrite
{
    public required string Key { get; init; }
    public JsonElement Value { get; init; }
}

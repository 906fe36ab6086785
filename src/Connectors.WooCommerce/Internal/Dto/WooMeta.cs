using System.Text.Json;

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooMeta
{
    public long? Id { get; init; }
    public string? Key { get; init; }
    public JsonElement? Value { get; init; }

    public string? ValueText => Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null } => null,
        { } v => v.GetRawText(),
    };
}

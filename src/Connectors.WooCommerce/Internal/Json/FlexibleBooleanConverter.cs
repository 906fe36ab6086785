using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>Reads a flag sent as <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c>, <c>"yes"</c>/<c>"no"</c>; <c>"parent"</c> (a variation's stock managed by its parent) and null read as null.</summary>
internal sealed class FlexibleBooleanConverter : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal() != 0m;
            case JsonTokenType.String:
                var text = reader.GetString();
                switch (text?.Trim().ToUpperInvariant())
                {
                    case "1" or "YES" or "TRUE":
                        return true;
                    case "0" or "NO" or "FALSE" or "":
                        return false;
                    case "PARENT" or null:
                        return null;
                }

                throw new JsonException($"'{FlexibleDecimalConverter.Quote(text!)}' is not a flag.");
            default:
                throw new JsonException($"Expected a flag but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteBooleanValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

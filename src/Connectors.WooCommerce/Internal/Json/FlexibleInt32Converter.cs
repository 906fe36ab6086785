using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>Reads a whole number sent as a number, a numeric string or a whole float (<c>12.0</c>); <c>""</c>, <c>null</c>, <c>false</c> read as null. A fraction or text fails.</summary>
internal sealed class FlexibleInt32Converter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var i))
                {
                    return i;
                }

                return Whole(reader.GetDecimal().ToString(CultureInfo.InvariantCulture));
            case JsonTokenType.Null or JsonTokenType.False:
                return null;
            case JsonTokenType.String:
                var text = reader.GetString();
                return string.IsNullOrWhiteSpace(text) ? null : Whole(text);
            default:
                throw new JsonException($"Expected a whole number but found {reader.TokenType}.");
        }
    }

    private static int Whole(string text)
    {
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value)
            && value is >= int.MinValue and <= int.MaxValue)
        {
            return (int)value;
        }

        throw new JsonException($"'{FlexibleDecimalConverter.Quote(text)}' is not a whole number.");
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

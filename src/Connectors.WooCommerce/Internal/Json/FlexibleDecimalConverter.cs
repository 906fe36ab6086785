using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>Reads money sent as a string (WooCommerce's way) or a number; <c>""</c>, <c>null</c> and <c>false</c> read as null. Anything else fails.</summary>
internal sealed class FlexibleDecimalConverter : JsonConverter<decimal?>
{
    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.Null or JsonTokenType.False:
                return null;
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }

                if (decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                throw new JsonException($"'{Quote(text)}' is not a number.");
            default:
                throw new JsonException($"Expected a number but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    internal static string Quote(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

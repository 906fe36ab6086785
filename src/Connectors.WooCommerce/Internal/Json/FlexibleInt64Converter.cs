using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>Reads an id sent as a number or a numeric string. Anything else fails: an id is never silently zero.</summary>
internal sealed class FlexibleInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException($"Expected an integer id but found {reader.TokenType}.");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

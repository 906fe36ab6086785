using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>Reads an object that PHP may send as <c>false</c> or <c>[]</c> when it is empty (read as null).</summary>
internal sealed class EmptyAsNullConverter<T> : JsonConverter<T?>
    where T : class
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null or JsonTokenType.False:
                return null;
            case JsonTokenType.StartArray:
                reader.Read();
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return null;
                }

                throw new JsonException($"Expected an object but found a non-empty array.");
            case JsonTokenType.StartObject:
                try
                {
                    return JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
                }
                catch (JsonException ex)
                {
                    throw JsonPaths.Nested(string.Empty, ex);
                }
            default:
                throw new JsonException($"Expected an object but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
    }
}

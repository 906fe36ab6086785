using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>Reads a list that PHP may send as <c>false</c>, <c>null</c> or <c>{}</c> when it is empty (read as an empty list).</summary>
internal sealed class FlexibleListConverter<T> : JsonConverter<List<T>>
{
    public override bool HandleNull => true;

    public override List<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null or JsonTokenType.False:
                return [];
            case JsonTokenType.StartObject:
                reader.Read();
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return [];
                }

                throw new JsonException("Expected a list but found a non-empty object.");
            case JsonTokenType.StartArray:
                var item = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
                var list = new List<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        // Not an item to skip silently (it could be an order line): malformed, named by its index.
                        throw new JsonException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The list entry [{list.Count}] is null."));
                    }

                    try
                    {
                        list.Add(JsonSerializer.Deserialize(ref reader, item)!);
                    }
                    catch (JsonException ex)
                    {
                        throw JsonPaths.Nested(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{list.Count}]"), ex);
                    }
                }

                return list;
            default:
                throw new JsonException($"Expected a list but found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, (JsonTypeInfo<List<T>>)options.GetTypeInfo(typeof(List<T>)));
}

using System.Text.Json;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>
/// Keeps the full JSON path of an error raised inside a nested converter: System.Text.Json restarts the path when a
/// converter deserializes a child, so the child's relative path travels in <see cref="Exception.Data"/> and is joined
/// to the outer path by <see cref="Full"/>.
/// </summary>
internal static class JsonPaths
{
    private const string Key = "Connectors.WooCommerce.RelativePath";

    public static JsonException Nested(string prefix, JsonException inner)
    {
        var relative = prefix + (inner.Path ?? "$")[1..] + (inner.Data[Key] as string ?? string.Empty);
        var message = inner.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var result = new JsonException(cut > 0 ? message[..cut] : message, inner);
        result.Data[Key] = relative;
        return result;
    }

    public static string Full(JsonException ex) => (ex.Path ?? "$") + (ex.Data[Key] as string ?? string.Empty);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// OData V2 JSON dates: <c>Edm.DateTime</c> as <c>"/Date(1733133600000)/"</c> (milliseconds since 1970, UTC) and
/// <c>Edm.DateTimeOffset</c> as <c>"/Date(1733133600000+0060)/"</c> (offset in minutes). ISO 8601 strings (V4 and
/// some V2 services) are read too.
/// </summary>
internal static class ODataDates
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        if (span.StartsWith("/Date(", StringComparison.Ordinal) && span.EndsWith(")/", StringComparison.Ordinal))
        {
            var inner = span[6..^2];
            var offsetMinutes = 0;
            var sign = inner[1..].IndexOfAny('+', '-');
            if (sign >= 0)
            {
                sign++;
                if (!int.TryParse(inner[(sign + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out offsetMinutes))
                {
                    return false;
                }

                offsetMinutes = inner[sign] == '-' ? -offsetMinutes : offsetMinutes;
                inner = inner[..sign];
            }

            if (!long.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                return false;
            }

            try
            {
                // The milliseconds are UTC; the offset only says in which zone the value was recorded.
                value = System.DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        return System.DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>Writes a V2 <c>Edm.DateTime</c>: <c>/Date(ms)/</c> of the UTC instant.</summary>
    public static string FormatV2(DateTimeOffset value) =>
        string.Create(CultureInfo.InvariantCulture, $"/Date({value.ToUnixTimeMilliseconds()})/");
}

/// <summary>Reads a date in either V2 or ISO form into a nullable <see cref="DateTimeOffset"/>; writes V2 form.</summary>
internal sealed class ODataV2DateConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return ODataDates.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an OData date (/Date(ms)/ or ISO 8601).");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(ODataDates.FormatV2(v));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Connectors.Internal;

namespace Connectors.Magento.Internal;

/// <summary>
/// Magento's error bodies, <c>{"message": "... %1 ... %name ...", "parameters": [..] or {..}, "errors": [..]}</c>,
/// rendered with their parameters and mapped to the typed errors; HTML pages and PHP output tolerated.
/// </summary>
internal static class MagentoErrors
{
    internal const int BodyQuoteLength = 160;

    public static ConnectorRequestFailedException Map(int status, string body, string? mediaType, TimeSpan? retryAfter, string what, string? requestId)
    {
        var platform = MagentoChannel.PlatformName;
        string? code = null;
        string message;
        if (TryRender(body, out var rendered, out _, out var errorCode))
        {
            message = $"{what}: {rendered}";
            code = errorCode;
        }
        else
        {
            message = $"{what} answered {status} with {Describe(mediaType)}: \"{Quote(body)}\"";
        }

        return status switch
        {
            401 or 403 => new ConnectorAuthenticationException(platform, message, status, code, requestId, body),
            404 => new ConnectorNotFoundException(platform, message, code, requestId, body),
            429 => new ConnectorRateLimitedException(platform, message, retryAfter, statusCode: 429, requestId: requestId, responseBody: body),
            _ => new ConnectorRequestFailedException(platform, message, status, code, requestId, retryAfter, body, isTransient: ConnectorRequestFailedException.IsTransientStatus(status)),
        };
    }

    /// <summary>Reads a Magento error body and renders its message with its parameters, nested <c>errors</c> appended.</summary>
    public static bool TryRender(string body, out string rendered, out string template, out string? errorCode)
    {
        rendered = template = string.Empty;
        errorCode = null;
        var json = JsonStart(body, out _);
        if (json is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var messageElement) || messageElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            template = messageElement.GetString()!;
            rendered = Render(template, root.TryGetProperty("parameters", out var parameters) ? parameters : default);
            if (root.TryGetProperty("code", out var codeElement) && codeElement.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            {
                errorCode = codeElement.ValueKind == JsonValueKind.Number ? codeElement.GetRawText() : codeElement.GetString();
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var details = errors.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
                    .Select(e => Render(e.GetProperty("message").GetString()!, e.TryGetProperty("parameters", out var p) ? p : default))
                    .ToList();
                if (details.Count > 0)
                {
                    rendered += " [" + string.Join("; ", details) + "]";
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces Magento's placeholders: <c>%1</c>, <c>%2</c>... by position from a parameter list, <c>%name</c> by key from a
    /// parameter object (Magento's <c>Phrase</c> renderer). A placeholder without a value stays as it is.
    /// </summary>
    public static string Render(string template, JsonElement parameters)
    {
        if (parameters.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object) || !template.Contains('%', StringComparison.Ordinal))
        {
            return template;
        }

        var sb = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '%' || i + 1 >= template.Length)
            {
                sb.Append(c);
                continue;
            }

            var j = i + 1;
            while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_'))
            {
                j++;
            }

            var key = template[(i + 1)..j];
            if (key.Length > 0 && Lookup(parameters, key) is { } value)
            {
                sb.Append(value);
                i = j - 1;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string? Lookup(JsonElement parameters, string key)
    {
        JsonElement value;
        if (parameters.ValueKind == JsonValueKind.Array)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var position) || position < 1 || position > parameters.GetArrayLength())
            {
                return null;
            }

            value = parameters[position - 1];
        }
        else if (!parameters.TryGetProperty(key, out value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => string.Empty,
            _ => value.GetRawText(),
        };
    }

    /// <summary>The JSON of a body, skipping PHP notices or warnings printed before it; null when there is none.</summary>
    public static string? JsonStart(string body, out bool skippedNotice)
    {
        skippedNotice = false;
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '\uFEFF')
        {
            trimmed = trimmed[1..].TrimStart();
        }

        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed[0] is '{' or '[' or '"' or '-' or (>= '0' and <= '9')
            || trimmed is "true" or "false" or "null")
        {
            // Objects and lists, and the scalars Magento answers for scalar service results (a token string, a shipment id, true).
            return trimmed.ToString();
        }

        if (trimmed[0] == '<' && (trimmed.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<html", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // PHP's display_errors output ("<br />\n<b>Deprecated</b>: ... on line 12<br />" or "PHP Warning: ...") before the JSON.
        foreach (var start in new[] { "\n{", "\n[", ">{", ">[" })
        {
            var at = body.IndexOf(start, StringComparison.Ordinal);
            if (at >= 0)
            {
                var candidate = body[(at + 1)..];
                try
                {
                    using var document = JsonDocument.Parse(candidate);
                    skippedNotice = true;
                    return candidate;
                }
                catch (JsonException)
                {
                    // Not JSON after all; try the next marker.
                }
            }
        }

        return null;
    }

    public static string Quote(string body) => ResponseBodyText.Quote(body, BodyQuoteLength);

    public static string Describe(string? mediaType) => mediaType is null ? "a body without content type" : "a " + mediaType + " body";
}

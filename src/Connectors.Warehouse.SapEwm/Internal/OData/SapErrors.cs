using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// Turns an error answer into a typed exception. SAP's error bodies differ by protocol version:
/// V4 <c>{"error":{"code","message","target","details":[{code,message,target,@…Severity}],"innererror":{…}}}</c>,
/// V2 <c>{"error":{"code","message":{"lang","value"},"innererror":{"transactionid","errordetails":[{code,message,target,severity}]}}}</c>.
/// Both are read; a body that is not SAP JSON (an HTML page of a proxy) is quoted.
/// </summary>
internal static class SapErrors
{
    private const int QuoteLength = 200;

    public static ConnectorRequestFailedException FromResponse(HttpResponseMessage response, string body, string what)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfter(response.Headers);
        var parsed = TryParse(body);
        var sapMessage = parsed?.Message;
        var text = parsed is null
            ? $"{what} answered {status} {response.ReasonPhrase}: \"{Quote(body)}\""
            : $"{what} answered {status}: {sapMessage}" + (parsed.Details.Count > 0 ? " [" + string.Join("; ", parsed.Details.Select(d => $"{d.Code}: {d.Message}")) + "]" : string.Empty);
        if (status is 401 or 403)
        {
            var hint = status == 401
                ? "check the communication user's password, the OAuth client, or the client certificate's mapping to the user"
                : "the communication user lacks the authorisation (check the communication arrangement of the service)";
            return new ConnectorAuthenticationException(SapEwmWarehouse.PlatformName, $"{text} ({hint})", status, parsed?.Code, parsed?.TransactionId, body);
        }

        // 412: the entity changed since its ETag was read; the next attempt reads it again.
        bool? transient = status == 412 ? true : null;
        return new SapRequestFailedException(text, status, parsed?.Code, sapMessage, parsed?.Details, parsed?.TransactionId, retryAfter, body, transient);
    }

    internal static ParsedError? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var code = String(error, "code");
            var message = error.TryGetProperty("message", out var m)
                ? m.ValueKind == JsonValueKind.Object ? String(m, "value") : m.ValueKind == JsonValueKind.String ? m.GetString() : null
                : null;
            var details = new List<SapErrorDetail>();
            string? transactionId = null;
            if (error.TryGetProperty("details", out var v4Details) && v4Details.ValueKind == JsonValueKind.Array)
            {
                foreach (var d in v4Details.EnumerateArray())
                {
                    AddDetail(details, d, Severity(d));
                }
            }

            if (error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                transactionId = String(inner, "transactionid");
                if (inner.TryGetProperty("errordetails", out var v2Details) && v2Details.ValueKind == JsonValueKind.Array)
                {
                    foreach (var d in v2Details.EnumerateArray())
                    {
                        AddDetail(details, d, String(d, "severity"));
                    }
                }

                if (inner.TryGetProperty("ErrorDetails", out var v4Inner) && v4Inner.ValueKind == JsonValueKind.Object)
                {
                    transactionId ??= String(v4Inner, "@SAP__common.TransactionId") ?? String(v4Inner, "@Common.TransactionId");
                }
            }

            return new ParsedError(code, message ?? "(no message)", details, transactionId);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static TimeSpan? RetryAfter(HttpResponseHeaders headers)
    {
        if (headers.RetryAfter is { Delta: { } delta })
        {
            return delta;
        }

        if (headers.RetryAfter is { Date: { } date })
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    internal static string Quote(string body)
    {
        var flat = body.ReplaceLineEndings(" ");
        return flat.Length <= QuoteLength ? flat : string.Concat(flat.AsSpan(0, QuoteLength), "…");
    }

    private static void AddDetail(List<SapErrorDetail> details, JsonElement d, string? severity)
    {
        if (d.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        details.Add(new SapErrorDetail
        {
            Code = String(d, "code") ?? string.Empty,
            Message = String(d, "message") ?? string.Empty,
            Target = String(d, "target") is { Length: > 0 } t ? t : String(d, "propertyref") is { Length: > 0 } p ? p : null,
            Severity = severity,
        });
    }

    private static string? Severity(JsonElement d)
    {
        foreach (var property in d.EnumerateObject())
        {
            if (property.Name.EndsWith(".Severity", StringComparison.Ordinal) || property.Name == "severity")
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }

            if (property.Name.EndsWith(".numericSeverity", StringComparison.Ordinal) && property.Value.TryGetInt32(out var n))
            {
                // Common vocabulary: 1 success, 2 info, 3 warning, 4 error.
                return n switch { 1 => "success", 2 => "info", 3 => "warning", 4 => "error", _ => n.ToString(CultureInfo.InvariantCulture) };
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal sealed record ParsedError(string? Code, string Message, IReadOnlyList<SapErrorDetail> Details, string? TransactionId);
}

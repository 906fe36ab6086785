using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connectors.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Internal;

/// <summary>
/// The REST v3 transport of one shop: builds URLs from the current options, sends through the named
/// <see cref="HttpClient"/> (resilience, throttle, auth), and turns every answer into a value or a typed error.
/// </summary>
internal sealed class WooCommerceClient(IHttpClientFactory factory, IOptionsMonitor<WooCommerceOptions> monitor, string channel, ILogger logger)
{
    internal const int BodyQuoteLength = 160;
    private const string Platform = WooCommerceChannel.PlatformName;

    public static string HttpClientName(string channel) => "Connectors.WooCommerce:" + channel;

    public WooCommerceOptions Options => monitor.Get(channel);

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var (value, _) = await SendAsync(HttpMethod.Get, path, null, type, cancellationToken).ConfigureAwait(false);
        return value;
    }

    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var (value, _) = await SendAsync(method, path, content, responseType, cancellationToken).ConfigureAwait(false);
        return value;
    }

    /// <summary>Pages through a list with <c>page</c>/<c>per_page</c> until <c>X-WP-TotalPages</c> (or a short page) ends it.</summary>
    public async IAsyncEnumerable<T> PageAsync<T>(string path, JsonTypeInfo<List<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var perPage = Options.PageSize;
        for (var page = 1; ; page++)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var url = string.Create(CultureInfo.InvariantCulture, $"{path}{separator}per_page={perPage}&page={page}");
            var (items, headers) = await SendAsync(HttpMethod.Get, url, null, type, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < items.Count; i++)
            {
                // A null entry is malformed input, not a null reference further down (found by the reliability fuzzer).
                yield return items[i] ?? throw new ConnectorRequestFailedException(
                    Platform, $"GET {StripQuery(path)} answered a list whose entry $[{i}] is null.", 200, "invalid_json", isTransient: false);
            }

            var totalPages = ReadIntHeader(headers, "X-WP-TotalPages");
            if (items.Count == 0 || (totalPages is { } tp ? page >= tp : items.Count < perPage))
            {
                yield break;
            }
        }
    }

    private async Task<(T Value, HttpResponseHeaders Headers)> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient(HttpClientName(channel));
        using var request = new HttpRequestMessage(method, new Uri(ApiBase(Options), path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (TrustedCertificate.IsCertificateFailure(ex))
        {
            // A certificate the host does not trust will not be trusted on the next try: a configuration error.
            throw new ConnectorRequestFailedException(
                Platform,
                $"{method} {StripQuery(path)}: the shop's HTTPS certificate was refused ({(ex.InnerException ?? ex).Message}). For a self-signed certificate or a private " +
                $"certificate authority set TrustedCertificatePath of WooCommerce channel '{channel}', or configure the primary handler of the HttpClient named '{HttpClientName(channel)}'.",
                errorCode: TrustedCertificate.UntrustedErrorCode,
                isTransient: false,
                innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ConnectorRequestFailedException(Platform, $"{method} {StripQuery(path)} failed: {ex.Message}", isTransient: true, innerException: ex);
        }
        catch (TimeoutException ex)
        {
            throw new ConnectorRequestFailedException(Platform, $"{method} {StripQuery(path)} timed out", isTransient: true, innerException: ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new ConnectorRequestFailedException(Platform, $"{method} {StripQuery(path)} timed out", isTransient: true, innerException: ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw new ConnectorRequestFailedException(Platform, $"{method} {StripQuery(path)} not sent: the circuit to the shop is open", isTransient: true, innerException: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var what = $"{method} {StripQuery(path)}";
            if (response.IsSuccessStatusCode && IsUtf8(response.Content.Headers.ContentType?.CharSet))
            {
                // The usual answer: JSON in UTF-8, parsed from the bytes (no UTF-16 copy of a 100-product batch answer).
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (StartsWithJson(bytes))
                {
                    Log.Answered(logger, channel, what, status);
                    return (ParseUtf8(bytes, type, status, what), response.Headers);
                }
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            Log.Answered(logger, channel, what, status);
            if (!response.IsSuccessStatusCode)
            {
                throw MapError(status, body, response.Content.Headers.ContentType?.MediaType, ThrottleHandler.RetryAfter(response, TimeProvider.System), $"{method} {StripQuery(path)}");
            }

            return (Parse(body, type, status, response.Content.Headers.ContentType?.MediaType, $"{method} {StripQuery(path)}"), response.Headers);
        }
    }

    /// <summary>Parses a body that starts with JSON straight from its UTF-8 bytes; errors as <see cref="Parse{T}"/>.</summary>
    internal static T ParseUtf8<T>(byte[] body, JsonTypeInfo<T> type, int status, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new JsonException("The body is the JSON literal null.");
        }
        catch (JsonException ex)
        {
            // As in Parse: a body cut off in transit is transient even when the deserializer stopped first at a shape
            // it did not expect (a list where an object belongs); only well-formed JSON of the wrong shape is permanent.
            var text = Encoding.UTF8.GetString(body);
            throw new ConnectorRequestFailedException(
                Platform,
                $"{what} answered {status} with JSON this connector cannot read at {Json.JsonPaths.Full(ex)} ({ex.Message}): \"{Quote(text)}\"",
                status,
                "invalid_json",
                responseBody: text,
                isTransient: !IsWellFormed(body),
                innerException: ex);
        }
    }

    /// <summary>Whether the body's first non-whitespace byte opens a JSON object or array (a BOM or a PHP notice does not).</summary>
    internal static bool StartsWithJson(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[';
    }

    private static bool IsUtf8(string? charset) =>
        charset is null || charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase);

    internal T Parse<T>(string body, JsonTypeInfo<T> type, int status, string? mediaType, string what)
    {
        var json = JsonStart(body, out var skippedNotice);
        if (json is null)
        {
            throw new ConnectorRequestFailedException(
                Platform,
                $"{what} answered {status} with {Describe(mediaType)} instead of JSON: \"{Quote(body)}\"",
                status,
                "invalid_response",
                responseBody: body,
                isTransient: true);
        }

        if (skippedNotice)
        {
            Log.PhpNoticeSkipped(logger, channel, what);
        }

        try
        {
            return JsonSerializer.Deserialize(json, type)
                ?? throw new JsonException("The body is the JSON literal null.");
        }
        catch (JsonException ex)
        {
            // A body that is not even well-formed JSON (cut off by a dropped connection or a proxy) is worth another try;
            // well-formed JSON of the wrong shape will not read better next time.
            throw new ConnectorRequestFailedException(
                Platform,
                $"{what} answered {status} with JSON this connector cannot read at {Json.JsonPaths.Full(ex)} ({ex.Message}): \"{Quote(body)}\"",
                status,
                "invalid_json",
                responseBody: body,
                isTransient: !IsWellFormed(json),
                innerException: ex);
        }
    }

    private static bool IsWellFormed(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsWellFormed(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Maps a failed answer to the typed errors: WooCommerce's <c>{code, message, data.status}</c> body or an HTML page.</summary>
    internal static ConnectorRequestFailedException MapError(int status, string body, string? mediaType, TimeSpan? retryAfter, string what)
    {
        string? code = null;
        string message;
        Dto.WooError? error = null;
        var json = JsonStart(body, out _);
        if (json is not null)
        {
            try
            {
                error = JsonSerializer.Deserialize(json, Json.WooJsonContext.Default.WooError);
            }
            catch (JsonException)
            {
                error = null;
            }
        }

        if (error?.Code is not null || error?.Message is not null)
        {
            code = error.Code;
            message = $"{what}: {error.Message}";
            if (error.Data?.Params is { Count: > 0 } parameters)
            {
                message += " [" + string.Join("; ", parameters.Select(p => p.Key + ": " + (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))) + "]";
            }
        }
        else
        {
            message = $"{what} answered {status} with {Describe(mediaType)}: \"{Quote(body)}\"";
        }

        return status switch
        {
            401 or 403 => new ConnectorAuthenticationException(Platform, message, status, code, responseBody: body),
            404 => new ConnectorNotFoundException(Platform, message, code, responseBody: body),
            429 => new ConnectorRateLimitedException(Platform, message, retryAfter, statusCode: status, responseBody: body),
            503 when retryAfter is not null => new ConnectorRateLimitedException(Platform, message, retryAfter, statusCode: status, responseBody: body),
            400 or 422 => new WooCommerceRequestValidationException(message, status, code, ReadParams(error), body),
            _ => new ConnectorRequestFailedException(Platform, message, status, code, retryAfter: retryAfter, responseBody: body),
        };
    }

    private static Dictionary<string, string> ReadParams(Dto.WooError? error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (error?.Data?.Params is { } parameters)
        {
            foreach (var (key, value) in parameters)
            {
                result[key] = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
            }
        }

        return result;
    }

    /// <summary>
    /// Finds where the JSON starts. A body that starts with JSON is used as is; a PHP notice or warning printed before
    /// the JSON (<c>&lt;b&gt;Notice&lt;/b&gt;: ...</c>, <c>Deprecated: ...</c>) is skipped; anything else (an HTML page) is not JSON.
    /// </summary>
    internal static string? JsonStart(string body, out bool skippedNotice)
    {
        skippedNotice = false;
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            return body;
        }

        if (trimmed.StartsWith("<br", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<b>", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("Notice:", StringComparison.Ordinal) || trimmed.StartsWith("Warning:", StringComparison.Ordinal)
            || trimmed.StartsWith("Deprecated:", StringComparison.Ordinal) || trimmed.StartsWith("PHP ", StringComparison.Ordinal))
        {
            var isNotice = body.Contains("Notice", StringComparison.Ordinal) || body.Contains("Warning", StringComparison.Ordinal) || body.Contains("Deprecated", StringComparison.Ordinal);
            foreach (var marker in new[] { "\n{", "\n[", ">{", ">[" })
            {
                var at = body.IndexOf(marker, StringComparison.Ordinal);
                if (isNotice && at >= 0 && !body.Contains("<html", StringComparison.OrdinalIgnoreCase))
                {
                    skippedNotice = true;
                    return body[(at + 1)..];
                }
            }
        }

        return null;
    }

    internal static string Quote(string body) => ResponseBodyText.Quote(body, BodyQuoteLength);

    internal static Uri ApiBase(WooCommerceOptions options)
    {
        var text = options.BaseUrl!.GetLeftPart(UriPartial.Path).TrimEnd('/');
        if (!text.EndsWith("/wp-json/wc/v3", StringComparison.OrdinalIgnoreCase))
        {
            text += "/wp-json/wc/v3";
        }

        return new Uri(text + "/");
    }

    private static string Describe(string? mediaType) => mediaType is null ? "a body without content type" : "a " + mediaType + " body";

    private static string StripQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? path : path[..q];
    }

    private static int? ReadIntHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}

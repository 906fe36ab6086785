using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connectors.Magento.Internal.Dto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Magento.Internal;

/// <summary>
/// The REST transport of one store view: builds <c>/rest/{store}/V1/...</c> URLs from the current options, sends through
/// the named <see cref="HttpClient"/> (resilience, authentication), and turns every answer into a value or a typed error.
/// </summary>
internal sealed class MagentoClient(IHttpClientFactory factory, IOptionsMonitor<MagentoOptions> monitor, string channel, TimeProvider time, ILogger logger)
{
    private const string Platform = MagentoChannel.PlatformName;

    public static string HttpClientName(string channel) => "Connectors.Magento:" + channel;

    public MagentoOptions Options => monitor.Get(channel);

    public string Channel => channel;

    /// <summary>The absolute URL of <paramref name="relative"/> (a path after <c>V1/</c>, with its query).</summary>
    /// <remarks>A path starting with <c>async/bulk/V1/</c> goes to the asynchronous bulk API (<c>/rest/{store}/async/bulk/V1/...</c>).</remarks>
    public static Uri Url(MagentoOptions options, string relative, string? storeCode = null) =>
        new(Root(options.BaseUrl!) + "rest/" + (storeCode ?? options.StoreCode) + (relative.StartsWith("async/bulk/V1/", StringComparison.Ordinal) ? "/" : "/V1/") + relative);

    /// <summary>The store's root: the base URL with any <c>/rest</c> or <c>/rest/{code}</c> (and <c>/V1</c>) tail cut off, ending in a slash.</summary>
    internal static string Root(Uri baseUrl)
    {
        var path = baseUrl.AbsolutePath.TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        var rest = segments.FindLastIndex(s => s.Equals("rest", StringComparison.OrdinalIgnoreCase));
        if (rest >= 0 && segments.Count - rest <= 3)
        {
            segments = segments[..rest];
        }

        var root = baseUrl.GetLeftPart(UriPartial.Authority) + "/" + string.Join('/', segments);
        return root.EndsWith('/') ? root : root + "/";
    }

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await SendAsync(HttpMethod.Get, path, null, type, cancellationToken).ConfigureAwait(false);

    public Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync(method, path, content, responseType, cancellationToken);
    }

    /// <summary>Sends a request in another scope than the channel's store view (<c>/rest/{storeCode}/V1/...</c>).</summary>
    public Task<TResponse> SendInStoreAsync<TRequest, TResponse>(
        string storeCode, HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync(method, path, content, responseType, cancellationToken, storeCode);
    }

    /// <summary>
    /// Pages through a <c>getList</c> search with <c>currentPage</c> until <c>total_count</c> is reached. Magento answers a page
    /// past the end with the last page again, so an empty page is not the only end: the count is.
    /// </summary>
    public async IAsyncEnumerable<T> SearchAsync<T>(string path, SearchCriteria criteria, JsonTypeInfo<SearchResult<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = 0;
        for (var page = 1; ; page++)
        {
            criteria.CurrentPage = page;
            var result = await GetAsync(path + "?" + criteria.ToQueryString(), type, cancellationToken).ConfigureAwait(false);
            var items = result.Items ?? [];
            foreach (var item in items)
            {
                yield return item ?? throw new ConnectorRequestFailedException(Platform, $"GET {path} answered a list with a null entry.", 200, "invalid_json", isTransient: false);
            }

            seen += items.Count;
            if (items.Count == 0 || seen >= result.TotalCount || items.Count < criteria.PageSize)
            {
                yield break;
            }
        }
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken, string? storeCode = null)
    {
        var client = factory.CreateClient(HttpClientName(channel));
        using var request = new HttpRequestMessage(method, Url(Options, path, storeCode)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var what = $"{method} {StripQuery(path)}";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransport(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw TransportFailure(what, ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            Log.Answered(logger, channel, what, status);
            if (!response.IsSuccessStatusCode)
            {
                throw MagentoErrors.Map(status, body, mediaType, RetryAfter(response), what, RequestId(response));
            }

            var json = MagentoErrors.JsonStart(body, out var skippedNotice);
            if (json is null)
            {
                throw new ConnectorRequestFailedException(
                    Platform, $"{what} answered {status} with {MagentoErrors.Describe(mediaType)} instead of JSON: \"{MagentoErrors.Quote(body)}\"", status, "invalid_response", RequestId(response), responseBody: body, isTransient: true);
            }

            if (skippedNotice)
            {
                Log.PhpNoticeSkipped(logger, channel, what);
            }

            try
            {
                return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("The body is the JSON literal null.");
            }
            catch (JsonException ex)
            {
                // Cut-off JSON (a dropped connection, a proxy) is worth another try; well-formed JSON of the wrong shape is not.
                throw new ConnectorRequestFailedException(
                    Platform, $"{what} answered {status} with JSON this connector cannot read at {ex.Path ?? "$"} ({ex.Message}): \"{MagentoErrors.Quote(body)}\"", status, "invalid_json", RequestId(response), responseBody: body, isTransient: !IsWellFormed(json), innerException: ex);
            }
        }
    }

    internal static bool IsTransport(Exception ex) =>
        ex is HttpRequestException or TimeoutException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;

    internal static ConnectorRequestFailedException TransportFailure(string what, Exception ex) => ex switch
    {
        Polly.CircuitBreaker.BrokenCircuitException => new ConnectorRequestFailedException(Platform, $"{what} not sent: the circuit to the store is open", isTransient: true, innerException: ex),
        HttpRequestException => new ConnectorRequestFailedException(Platform, $"{what} failed: {ex.Message}", isTransient: true, innerException: ex),
        _ => new ConnectorRequestFailedException(Platform, $"{what} timed out", isTransient: true, innerException: ex),
    };

    internal static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out var values) ? values.FirstOrDefault() : null;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        return header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero : null);
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

    private static string StripQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? path : path[..q];
    }
}

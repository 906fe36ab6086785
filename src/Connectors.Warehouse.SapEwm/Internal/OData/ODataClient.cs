using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// The OData transport: builds URLs on the configured host, sends through the named <see cref="HttpClient"/>
/// (resilience pipeline, CSRF, authentication, session), follows server-driven paging (<c>@odata.nextLink</c> in V4,
/// <c>d.__next</c> in V2) one page at a time, and turns every failure into a typed <see cref="ConnectorException"/>.
/// </summary>
internal sealed class ODataClient(IHttpClientFactory factory, IOptionsMonitor<SapEwmOptions> monitor, SapEwmMetrics metrics, ILogger logger)
{
    public const string HttpClientName = "Connectors.Warehouse.SapEwm";
    private const string V4Accept = "application/json;odata.metadata=minimal;IEEE754Compatible=true";

    public SapEwmOptions Options => monitor.CurrentValue;

    /// <summary>Streams an OData V4 collection page by page; never holds more than one page.</summary>
    public async IAsyncEnumerable<T> QueryV4Async<T>(ODataService service, string relative, JsonTypeInfo<ODataV4Page<T>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var root = service.Root(HostOf(Options));
        Uri? next = new(root, relative);
        var pageSize = Options.PageSize;
        while (next is not null)
        {
            var (bytes, _) = await SendAsync(service, HttpMethod.Get, next, null, null, pageSize, cancellationToken).ConfigureAwait(false);
            var page = Parse(bytes, type, service, "GET", next);
            next = page.NextLink is { Length: > 0 } link ? ResolveNext(root, link, service) : null;
            foreach (var item in page.Value ?? [])
            {
                yield return item;
            }
        }
    }

    /// <summary>Streams an OData V2 collection page by page, following <c>d.__next</c>.</summary>
    public async IAsyncEnumerable<T> QueryV2Async<T>(ODataService service, string relative, JsonTypeInfo<ODataV2Envelope<ODataV2Collection<T>>> type, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var root = service.Root(HostOf(Options));
        Uri? next = new(root, relative);
        while (next is not null)
        {
            var (bytes, _) = await SendAsync(service, HttpMethod.Get, next, null, null, null, cancellationToken).ConfigureAwait(false);
            var envelope = Parse(bytes, type, service, "GET", next);
            var collection = envelope.D ?? throw Malformed(service, "GET", next, "the V2 answer has no \"d\" object");
            next = collection.Next is { Length: > 0 } link ? ResolveNext(root, link, service) : null;
            foreach (var item in collection.Results ?? [])
            {
                yield return item;
            }
        }
    }

    /// <summary>Reads one entity (V2: <c>d</c> unwrapped by the type) with the <c>ETag</c> header.</summary>
    public async Task<(T Value, string? ETag)> GetAsync<T>(ODataService service, string relative, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var uri = new Uri(service.Root(HostOf(Options)), relative);
        var (bytes, headers) = await SendAsync(service, HttpMethod.Get, uri, null, null, null, cancellationToken).ConfigureAwait(false);
        return (Parse(bytes, type, service, "GET", uri), headers.ETag?.ToString());
    }

    /// <summary>Creates an entity (a deep insert where the body nests its children) and reads the created entity.</summary>
    public async Task<TResponse> PostAsync<TRequest, TResponse>(
        ODataService service, string relative, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var uri = new Uri(service.Root(HostOf(Options)), relative);
        var (bytes, _) = await SendAsync(service, HttpMethod.Post, uri, Json(body, requestType), null, null, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, responseType, service, "POST", uri);
    }

    /// <summary>Invokes a bound action (V4) whose answer is 204 or an entity this adapter does not need.</summary>
    public async Task InvokeActionAsync(ODataService service, string relative, CancellationToken cancellationToken)
    {
        var uri = new Uri(service.Root(HostOf(Options)), relative);
        var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await SendAsync(service, HttpMethod.Post, uri, content, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes an entity with <c>PATCH</c> (V2 and V4), guarded by <c>If-Match</c> with the ETag read before.</summary>
    public async Task PatchAsync<TRequest>(ODataService service, string relative, TRequest body, JsonTypeInfo<TRequest> type, string? etag, CancellationToken cancellationToken)
    {
        var uri = new Uri(service.Root(HostOf(Options)), relative);
        await SendAsync(service, HttpMethod.Patch, uri, Json(body, type), etag ?? "*", null, cancellationToken).ConfigureAwait(false);
    }

    internal static Uri HostOf(SapEwmOptions options) =>
        options.Host ?? throw new ConnectorException("SapEwm: Host is not set.");

    private static ByteArrayContent Json<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<(byte[] Body, HttpResponseHeaders Headers)> SendAsync(
        ODataService service, HttpMethod method, Uri uri, HttpContent? content, string? ifMatch, int? maxPageSize, CancellationToken cancellationToken)
    {
        var what = $"{method} {service.Name} {Describe(uri)}";
        using var activity = SapEwmMetrics.Source.StartActivity("sap-ewm " + method.Method + " " + service.Name, ActivityKind.Client);
        activity?.SetTag(ConnectorsTelemetry.PlatformTag, SapEwmWarehouse.PlatformName);
        activity?.SetTag("http.request.method", method.Method);
        activity?.SetTag("url.path", uri.AbsolutePath);
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Accept.ParseAdd(service.Version == ODataVersion.V4 ? V4Accept : "application/json");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (maxPageSize is { } size && service.Version == ODataVersion.V4)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "odata.maxpagesize=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response;
        try
        {
            response = await factory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            metrics.Record(service.Name, method.Method, "transport_error", Stopwatch.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity?.SetTag(ConnectorsTelemetry.ErrorTypeTag, ex.GetType().Name);
            var reason = ex switch
            {
                Polly.CircuitBreaker.BrokenCircuitException => "not sent: the circuit to the system is open",
                HttpRequestException h => "failed: " + h.Message,
                _ => "timed out",
            };
            throw new ConnectorRequestFailedException(SapEwmWarehouse.PlatformName, $"{what} {reason}", isTransient: true, innerException: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            metrics.Record(service.Name, method.Method, status.ToString(System.Globalization.CultureInfo.InvariantCulture), Stopwatch.GetElapsedTime(started));
            Log.Answered(logger, what, status);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                var error = SapErrors.FromResponse(response, Encoding.UTF8.GetString(bytes), what);
                activity?.SetTag(ConnectorsTelemetry.ErrorTypeTag, error.ErrorCode ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                throw error;
            }

            return (bytes, response.Headers);
        }
    }

    private static T Parse<T>(byte[] bytes, JsonTypeInfo<T> type, ODataService service, string method, Uri uri)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new JsonException("The body is the JSON literal null.");
        }
        catch (JsonException ex)
        {
            var text = Encoding.UTF8.GetString(bytes);
            throw new ConnectorRequestFailedException(
                SapEwmWarehouse.PlatformName,
                $"{method} {service.Name} {Describe(uri)} answered JSON this adapter cannot read at {ex.Path ?? "$"} ({ex.Message}): \"{SapErrors.Quote(text)}\"",
                200,
                "invalid_json",
                responseBody: text,
                isTransient: !IsWellFormed(bytes),
                innerException: ex);
        }
    }

    private static bool IsWellFormed(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static ConnectorRequestFailedException Malformed(ODataService service, string method, Uri uri, string problem) =>
        new(SapEwmWarehouse.PlatformName, $"{method} {service.Name} {Describe(uri)}: {problem}", 200, "invalid_response", isTransient: false);

    /// <summary>A next link is relative to the service root or absolute on the same host; another host is refused (credentials stay home).</summary>
    private static Uri ResolveNext(Uri root, string link, ODataService service)
    {
        var next = new Uri(root, link);
        if (!string.Equals(next.GetLeftPart(UriPartial.Authority), root.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorRequestFailedException(
                SapEwmWarehouse.PlatformName, $"{service.Name} sent a next link to another host ({next.GetLeftPart(UriPartial.Authority)}); refused", 200, "invalid_next_link", isTransient: false);
        }

        return next;
    }

    /// <summary>The path without the query (which may hold customer data in a filter), for messages.</summary>
    private static string Describe(Uri uri) => Uri.UnescapeDataString(uri.AbsolutePath);
}

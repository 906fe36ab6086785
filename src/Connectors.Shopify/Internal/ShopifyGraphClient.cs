using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Connectors.Shopify.Internal.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Sends the package's named GraphQL operations to one shop: estimates each request's cost from the document, waits
/// for the shared per-shop bucket before sending, corrects the bucket from <c>extensions.cost</c>, waits and resends on
/// <c>THROTTLED</c> within the configured wait budget, and maps HTTP and GraphQL errors to typed exceptions.
/// Transport retries (5xx, timeouts, 429 with Retry-After) belong to the standard resilience pipeline of the HttpClient.
/// </summary>
internal sealed class ShopifyGraphClient : IDisposable
{
    private readonly string _channel;
    private readonly IOptionsMonitor<ShopifyOptions> _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly AccessTokenProvider _tokens;
    private readonly CostBucketRegistry _buckets;
    private readonly ShopifyMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, byte> _deprecationLogged = new(StringComparer.Ordinal);
    public ShopifyGraphClient(
        string channel,
        IOptionsMonitor<ShopifyOptions> options,
        IHttpClientFactory httpClientFactory,
        CostBucketRegistry buckets,
        ShopifyMetrics metrics,
        TimeProvider time,
        ILogger logger)
    {
        _channel = channel;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _buckets = buckets;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _tokens = new AccessTokenProvider(channel, options, httpClientFactory, time, logger);
    }

    public string Channel => _channel;

    public void Dispose() => _tokens.Dispose();

    public ShopifyOptions Options => _options.Get(_channel);

    /// <summary>The clock the client waits on (bucket waits, and the polls of a bulk operation).</summary>
    public TimeProvider Time => _time;

    /// <summary>Calls made and THROTTLED responses seen by this client (for reports and tests).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public long ThrottledCount => Interlocked.Read(ref _throttled);

    private long _calls;
    private long _throttled;

    public static string HttpClientName(string channel) => "Connectors.Shopify." + channel;

    public static Uri BaseUri(ShopifyOptions options) =>
        options.BaseAddress is { } address
            ? (address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/"))
            : new Uri("https://" + options.ShopDomain + "/");

    public CostBucket Bucket
    {
        get
        {
            var options = Options;
            return _buckets.Get(BaseUri(options).Authority, options.AssumedBucketSize, options.AssumedRestoreRate);
        }
    }

    /// <summary>
    /// The share of the smaller of Shopify's single-query limit and the bucket that one page may request: a page then
    /// stays under the cap even when the server's figure is 30 % above the estimate, and does not wait for a full bucket.
    /// </summary>
    public const double PageBudgetShare = 0.75;

    /// <summary>The most points one page may request now: <see cref="PageBudgetShare"/> of min(1,000, the bucket the shop reported).</summary>
    public double PageBudget => Math.Min(SingleQueryMaxCost, Bucket.Capacity) * PageBudgetShare;

    /// <summary>The requested cost of <paramref name="operation"/> with these variables: the local estimate times the ratio the server last showed.</summary>
    public double EstimatedCost<TVariables>(string operation, TVariables variables, JsonTypeInfo<TVariables> variablesType)
    {
        var shop = BaseUri(Options).Authority;
        return QueryCostEstimator.Estimate(GraphDocuments.Get(operation), JsonSerializer.SerializeToElement(variables, variablesType)) * _buckets.Correction(shop, operation);
    }

    /// <summary>
    /// The largest page size (up to <paramref name="max"/>) whose cost, corrected by what the server reported for this
    /// operation, stays within <see cref="PageBudget"/>. Computed for every page, so a smaller bucket reported by the
    /// shop, or a server figure above the estimate, shrinks the next page.
    /// </summary>
    public int AffordablePageSize<TVariables>(string operation, Func<int, TVariables> variables, JsonTypeInfo<TVariables> variablesType, int max)
    {
        var limit = PageBudget;
        int low = 1, high = Math.Max(1, max);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (EstimatedCost(operation, variables(mid), variablesType) <= limit)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }

    /// <summary>
    /// Sends one page at the size the bucket and the single-query limit afford now; when the shop still finds it too
    /// costly (<c>MAX_COST_EXCEEDED</c>, or more than the bucket it reports), learns the server's figure and resends a
    /// smaller page. Throws when even one item per page is too costly.
    /// </summary>
    public async Task<(TData Data, int Size)> SendPageAsync<TVariables, TData>(
        string operation,
        Func<int, TVariables> variables,
        JsonTypeInfo<TVariables> variablesType,
        JsonTypeInfo<GraphResponse<TData>> responseType,
        int max,
        CancellationToken cancellationToken)
        where TData : class
    {
        var size = AffordablePageSize(operation, variables, variablesType, max);
        while (true)
        {
            try
            {
                return (await SendAsync(operation, variables(size), variablesType, responseType, cancellationToken).ConfigureAwait(false), size);
            }
            catch (ShopifyGraphQLException ex) when (IsCostTooHigh(ex) && size > 1)
            {
                size = Math.Max(1, Math.Min(size / 2, AffordablePageSize(operation, variables, variablesType, max)));
            }
        }
    }

    /// <summary>The error code of a request refused, or not sent, because its requested cost is above Shopify's single-query limit.</summary>
    public const string MaxCostExceeded = "MAX_COST_EXCEEDED";

    /// <summary>The error code of a request not sent because its requested cost is more than the whole bucket the shop reported.</summary>
    public const string CostExceedsBucket = "COST_EXCEEDS_BUCKET";

    public static bool IsCostTooHigh(ConnectorRequestFailedException exception) =>
        exception.ErrorCode is MaxCostExceeded or CostExceedsBucket;

    private static ShopifyGraphQLException CostTooHigh(string operation, double requested, double limit, bool bucket, string? requestId, string? body) => new(
        operation,
        bucket
            ? $"the query requests {requested:F0} points, more than the shop's whole query-cost bucket ({limit:F0}); it can never be served. Lower the page sizes (OrderPageSize, OrderLinesPageSize, CatalogPageSize)."
            : $"the query requests {requested:F0} points, above Shopify's single-query limit of {limit:F0} (MAX_COST_EXCEEDED). Lower the page sizes (OrderPageSize, OrderLinesPageSize, CatalogPageSize).",
        bucket ? CostExceedsBucket : MaxCostExceeded,
        requestId,
        body,
        isTransient: false);

    /// <summary>
    /// Marks a request the HTTP resilience pipeline must not send again: after a lost answer (a reset connection, a 5xx
    /// from a proxy) Shopify may already have done it, and a repeated create would ship or refund twice. The failure
    /// surfaces as transient instead, and the engine's retry looks at the shop before it sends again.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> SendOnce = new("Connectors.Shopify.SendOnce");

    /// <summary>Mutations whose repeat is not harmless (queries, absolute quantity sets, tags and metafields are).</summary>
    private static readonly FrozenSet<string> NotRepeatable = new[]
    {
        GraphDocuments.FulfillmentCreate, GraphDocuments.ReturnProcess, GraphDocuments.FulfillmentServiceCreate,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Shopify's maximum requested cost of a single query.</summary>
    public const double SingleQueryMaxCost = 1000;

    public async Task<TData> SendAsync<TVariables, TData>(
        string operation,
        TVariables variables,
        JsonTypeInfo<TVariables> variablesType,
        JsonTypeInfo<GraphResponse<TData>> responseType,
        CancellationToken cancellationToken)
        where TData : class
    {
        var options = Options;
        var document = GraphDocuments.Get(operation);
        var variablesElement = JsonSerializer.SerializeToElement(variables, variablesType);
        var shop = BaseUri(options).Authority;
        var bucket = _buckets.Get(shop, options.AssumedBucketSize, options.AssumedRestoreRate);
        var estimate = QueryCostEstimator.Estimate(document, variablesElement);
        var cost = Math.Max(1, estimate * _buckets.Correction(shop, operation));
        var budget = options.ThrottleWaitBudget;
        var waited = TimeSpan.Zero;
        var uri = new Uri(BaseUri(options), $"admin/api/{options.ApiVersion}/graphql.json");
        var body = JsonSerializer.SerializeToUtf8Bytes(new GraphRequest(document, operation, variablesElement), ShopifyJsonContext.Default.GraphRequest);

        while (true)
        {
            // 0. Never send what Shopify refuses outright, nor what the bucket the shop reported can never hold.
            if (cost > SingleQueryMaxCost)
            {
                throw CostTooHigh(operation, cost, SingleQueryMaxCost, bucket: false, null, null);
            }

            if (cost > bucket.Capacity)
            {
                throw CostTooHigh(operation, cost, bucket.Capacity, bucket: true, null, null);
            }

            // 1. Wait until the bucket can afford the estimate.
            while (true)
            {
                // Taken before the attempt, so figures that arrive between the attempt and the wait still end the wait.
                var changed = bucket.Changed;
                var delay = bucket.TryReserve(cost);
                if (delay <= TimeSpan.Zero)
                {
                    break;
                }

                waited = await WaitAsync(operation, delay, waited, budget, null, cancellationToken, changed).ConfigureAwait(false);
            }

            AddInFlight(cost);
            var reserved = true;
            try
            {
                var (status, text, requestId, retryAfter) = await PostAsync(operation, uri, body, cancellationToken).ConfigureAwait(false);
                AddInFlight(-cost);
                reserved = false;
                GraphResponse<TData>? response = null;
                if (status == HttpStatusCode.OK || status == HttpStatusCode.TooManyRequests)
                {
                    response = TryParse(text, responseType);
                }

                if (status != HttpStatusCode.OK && !(status == HttpStatusCode.TooManyRequests && IsThrottled(response)))
                {
                    throw MapHttpError(operation, status, text, requestId, retryAfter);
                }

                if (response is null)
                {
                    throw new ConnectorRequestFailedException(
                        ShopifyChannelDefaults.Platform, $"{operation}: the response is not valid GraphQL JSON.", 200, "MALFORMED_RESPONSE", requestId, null, text, isTransient: true);
                }

                var costInfo = response.Extensions?.Cost ?? FirstErrorCost(response);
                if (costInfo?.ThrottleStatus is { } throttle)
                {
                    bucket.Observe(throttle.MaximumAvailable, throttle.CurrentlyAvailable, throttle.RestoreRate, Volatile.Read(ref _inFlightValue));
                }

                if (costInfo is not null)
                {
                    _buckets.Correct(shop, operation, estimate, costInfo.RequestedQueryCost);
                }

                if (response.Errors?.FirstOrDefault(e => e.Extensions?.Code == MaxCostExceeded) is { } tooCostly)
                {
                    // Shopify's figure is the truth: the next estimate of this operation is corrected by it.
                    var serverCost = tooCostly.Extensions!.CostNumber ?? cost;
                    _buckets.Correct(shop, operation, estimate, serverCost);
                    throw CostTooHigh(operation, serverCost, tooCostly.Extensions.MaxCost ?? SingleQueryMaxCost, bucket: false, requestId, text);
                }

                if (IsThrottled(response))
                {
                    Interlocked.Increment(ref _throttled);
                    _metrics.ThrottledResponses.Add(1, ShopifyMetrics.Tags(_channel));
                    var requested = costInfo?.RequestedQueryCost > 0 ? costInfo.RequestedQueryCost : cost;
                    cost = Math.Max(cost, requested);
                    if (costInfo?.ThrottleStatus is { MaximumAvailable: > 0 } reported && requested > reported.MaximumAvailable)
                    {
                        // Waiting cannot help: the bucket never holds this much. The caller shrinks the page.
                        throw CostTooHigh(operation, requested, reported.MaximumAvailable, bucket: true, requestId, text);
                    }

                    var throttleWait = costInfo?.ThrottleStatus is { } t && t.RestoreRate > 0
                        ? TimeSpan.FromSeconds(Math.Max(0.05, (Math.Min(requested, t.MaximumAvailable) - t.CurrentlyAvailable) / t.RestoreRate))
                        : TimeSpan.FromSeconds(1);
                    waited = await WaitAsync(operation, throttleWait, waited, budget, requestId, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (response.Errors is { Count: > 0 } errors)
                {
                    var code = errors[0].Extensions?.Code;
                    var transient = code is "INTERNAL_SERVER_ERROR" or "SERVICE_UNAVAILABLE" or "TIMEOUT";
                    if (code is "ACCESS_DENIED" or "UNAUTHORIZED")
                    {
                        throw new ConnectorAuthenticationException(ShopifyChannelDefaults.Platform, $"{operation}: {errors[0].Message}", 403, code, requestId, text);
                    }

                    throw new ShopifyGraphQLException(operation, errors[0].Message ?? "GraphQL error", code, requestId, text, transient);
                }

                return response.Data ?? throw new ShopifyGraphQLException(operation, "the response has no data.", null, requestId, text, isTransient: true);
            }
            finally
            {
                if (reserved)
                {
                    AddInFlight(-cost);
                    bucket.Refund(cost);
                }
            }
        }
    }

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private double _inFlightValue;

    private void AddInFlight(double delta)
    {
        double current, next;
        do
        {
            current = Volatile.Read(ref _inFlightValue);
            next = Math.Max(0, current + delta);
        }
        while (Interlocked.CompareExchange(ref _inFlightValue, next, current) != current);
    }

    // wake (CostBucket.Changed) ends the wait early when it completes: the caller then tries again with the new estimate.
    private async Task<TimeSpan> WaitAsync(string operation, TimeSpan delay, TimeSpan waited, TimeSpan budget, string? requestId, CancellationToken cancellationToken, Task? wake = null)
    {
        if (waited + delay > budget)
        {
            throw new ConnectorRateLimitedException(
                ShopifyChannelDefaults.Platform,
                $"{operation}: the query-cost bucket of channel '{_channel}' needs {delay.TotalSeconds:F1} s more, beyond the wait budget of {budget.TotalSeconds:F0} s.",
                delay,
                isTransient: true,
                statusCode: null,
                requestId: requestId);
        }

        // A wait below a millisecond would complete at once (timers count whole milliseconds) and spin; the budget is
        // charged with the time that really passed, so a request that keeps losing points to others in tiny waits
        // cannot run through a minute's budget in a second (NestedListTests failed in CI that way).
        delay = delay < MinimumWait ? MinimumWait : delay;
        Log.Throttled(_logger, _channel, operation, delay.TotalMilliseconds);
        _metrics.WaitDuration.Record(delay.TotalSeconds, ShopifyMetrics.Tags(_channel));
        var started = _time.GetTimestamp();
        if (wake is null)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            return waited + _time.GetElapsedTime(started);
        }

        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, _time, sleeping.Token);
        if (await Task.WhenAny(sleep, wake).ConfigureAwait(false) != sleep)
        {
            await sleeping.CancelAsync().ConfigureAwait(false);
        }

        await sleep.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        return waited + _time.GetElapsedTime(started);
    }

    private async Task<(HttpStatusCode Status, string Body, string? RequestId, TimeSpan? RetryAfter)> PostAsync(string operation, Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        var client = _httpClientFactory.CreateClient(HttpClientName(_channel));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        if (NotRepeatable.Contains(operation))
        {
            request.Options.Set(SendOnce, true);
        }

        request.Headers.Add("X-Shopify-Access-Token", token);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Interlocked.Increment(ref _calls);
        HttpResponseMessage sent;
        string text;
        try
        {
            sent = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            text = await sent.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Transport(operation, $"the request to the shop failed ({ex.HttpRequestError}): {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw Transport(operation, $"the connection to the shop broke: {ex.Message}", ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw Transport(operation, "the shop did not answer in time.", ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw Transport(operation, "not sent: the circuit to the shop is open after repeated failures.", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Transport(operation, "the shop did not answer in time (HttpClient timeout).", ex);
        }

        using var response = sent;
        var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
        if (response.Headers.TryGetValues("X-Shopify-API-Deprecated-Reason", out var reasons))
        {
            _metrics.DeprecatedCalls.Add(1, new TagList
            {
                { ConnectorsTelemetry.ChannelTag, _channel },
                { ConnectorsTelemetry.PlatformTag, ShopifyChannelDefaults.Platform },
                { "connector.operation", operation },
            });
            if (_deprecationLogged.TryAdd(operation, 0))
            {
                Log.DeprecatedApi(_logger, _channel, operation, string.Join("; ", reasons));
            }
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            _tokens.Invalidate();
        }

        var retryAfter = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } date ? date - _time.GetUtcNow() : null);
        return (response.StatusCode, text, requestId, retryAfter);
    }

    /// <summary>
    /// Opens the result file of a bulk operation for reading as a stream (the response is returned after its headers).
    /// No access token is sent: the URL is signed for this file and points at Shopify's file storage, not at the shop.
    /// </summary>
    public async Task<HttpResponseMessage> DownloadAsync(Uri url, string operationId, CancellationToken cancellationToken)
    {
        var client = _httpClientFactory.CreateClient(HttpClientName(_channel));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ShopifyBulkOperationException(
                $"the result file of bulk operation {operationId} of channel '{_channel}' could not be downloaded: {ex.Message}", operationId, "COMPLETED", null, hasPartialData: false, isTransient: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();

            // 403/404/410: the signed URL expired or is wrong; running the read again creates a new operation and URL.
            throw new ShopifyBulkOperationException(
                $"the result file of bulk operation {operationId} of channel '{_channel}' answered HTTP {status.ToString(CultureInfo.InvariantCulture)}.", operationId, "COMPLETED", null, hasPartialData: false, isTransient: true);
        }

        return response;
    }

    /// <summary>
    /// Uploads a file to a staged upload target as a multipart form: the target's parameters first, then the file as
    /// <c>file</c>. No access token is sent: the target is Shopify's file storage, authorised by the signed parameters.
    /// </summary>
    public async Task UploadStagedAsync(Uri url, IReadOnlyList<StagedParameter> parameters, byte[] file, string fileName, string mimeType, CancellationToken cancellationToken)
    {
        var client = _httpClientFactory.CreateClient(HttpClientName(_channel));
        using var form = new MultipartFormDataContent();
        foreach (var parameter in parameters.Where(p => !string.IsNullOrEmpty(p.Name)))
        {
            form.Add(new StringContent(parameter.Value ?? string.Empty), parameter.Name);
        }

        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        form.Add(content, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ShopifyBulkOperationException(
                    $"the staged upload of channel '{_channel}' answered HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}.", null, null, "STAGED_UPLOAD_FAILED", hasPartialData: false, isTransient: true);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ShopifyBulkOperationException(
                $"the staged upload of channel '{_channel}' failed: {ex.Message}", null, null, "STAGED_UPLOAD_FAILED", hasPartialData: false, isTransient: true);
        }
    }

    /// <summary>A failure below HTTP (refused or reset connection, DNS, timeout, open circuit): transient, with the cause kept.</summary>
    private ConnectorRequestFailedException Transport(string operation, string what, Exception inner) =>
        new(ShopifyChannelDefaults.Platform, $"{operation} on channel '{_channel}': {what}", isTransient: true, innerException: inner);

    private static GraphResponse<TData>? TryParse<TData>(string text, JsonTypeInfo<GraphResponse<TData>> type)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsThrottled<TData>(GraphResponse<TData>? response) =>
        response?.Errors is { } errors && errors.Any(e => string.Equals(e.Extensions?.Code, "THROTTLED", StringComparison.Ordinal));

    private static GraphCost? FirstErrorCost<TData>(GraphResponse<TData> response) =>
        response.Errors?.Select(e => e.Extensions?.CostObject).FirstOrDefault(c => c is not null);

    private ConnectorRequestFailedException MapHttpError(string operation, HttpStatusCode status, string body, string? requestId, TimeSpan? retryAfter)
    {
        var code = (int)status;
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ConnectorAuthenticationException(
                ShopifyChannelDefaults.Platform, $"{operation}: the shop refused the credentials of channel '{_channel}'.", code, null, requestId, body),
            HttpStatusCode.NotFound => new ConnectorNotFoundException(
                ShopifyChannelDefaults.Platform, $"{operation}: the shop or API version was not found (check ShopDomain and ApiVersion).", null, requestId, body),
            HttpStatusCode.TooManyRequests => new ShopifyLimitExceededException(
                $"{operation}: the shop refused the request with 429 and it is not the query-cost bucket (a non-bucket limit such as daily variant creation); retry after {(retryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds:F0} s.", retryAfter ?? TimeSpan.FromMinutes(1), requestId, body),
            _ => new ConnectorRequestFailedException(
                ShopifyChannelDefaults.Platform, $"{operation}: HTTP {code.ToString(CultureInfo.InvariantCulture)}.", code, null, requestId, retryAfter, body),
        };
    }
}

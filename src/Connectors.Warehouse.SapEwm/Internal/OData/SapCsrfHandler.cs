using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// SAP Gateway's CSRF protection: a modifying request (POST, PATCH, PUT, MERGE, DELETE) must carry the
/// <c>x-csrf-token</c> that a GET with <c>x-csrf-token: Fetch</c> returned within the same session. The handler fetches
/// a token before the first modifying request to a service, reuses it, and when the system answers 403 with
/// <c>x-csrf-token: Required</c> (the token expired or the session ended) fetches a new one and sends the request again,
/// once.
/// </summary>
internal sealed class SapCsrfHandler(SapSession session, IOptionsMonitor<SapEwmOptions> options, SapEwmMetrics metrics, ILogger logger) : DelegatingHandler
{
    public const string HeaderName = "x-csrf-token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var root = ServiceRootOf(request.RequestUri!);
        var token = session.TokenFor(root) ?? await FetchAsync(root, cancellationToken).ConfigureAwait(false);

        // The body is buffered so that the request can be sent a second time after a refetch.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        SetToken(request, token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!IsCsrfFailure(response))
        {
            return response;
        }

        response.Dispose();
        Log.CsrfRefetch(logger, root.AbsolutePath);
        metrics.CsrfRefetches.Add(1);
        session.Invalidate(root, token);
        token = await FetchAsync(root, cancellationToken).ConfigureAwait(false);
        using var again = Clone(request, body);
        SetToken(again, token);
        return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a response is SAP's CSRF refusal: 403 with <c>x-csrf-token: Required</c>.</summary>
    public static bool IsCsrfFailure(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        && response.Headers.TryGetValues(HeaderName, out var values)
        && values.Any(v => v.Trim().Equals("Required", StringComparison.OrdinalIgnoreCase));

    private async Task<string> FetchAsync(Uri root, CancellationToken cancellationToken)
    {
        using var fetch = new HttpRequestMessage(HttpMethod.Get, root);
        fetch.Headers.TryAddWithoutValidation(HeaderName, "Fetch");
        fetch.Headers.Accept.ParseAdd("application/json");
        using var response = await base.SendAsync(fetch, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw SapErrors.FromResponse(response, body, $"CSRF token fetch GET {root.AbsolutePath}");
        }

        if (!response.Headers.TryGetValues(HeaderName, out var values) || values.FirstOrDefault() is not { Length: > 0 } token
            || token.Equals("Required", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorRequestFailedException(
                SapEwmWarehouse.PlatformName,
                $"CSRF token fetch GET {root.AbsolutePath} answered {(int)response.StatusCode} without an x-csrf-token header; the communication user may lack authorisation for the service",
                (int)response.StatusCode,
                "csrf_token_missing",
                isTransient: false);
        }

        session.SetToken(root, token);
        metrics.CsrfFetches.Add(1);
        return token;
    }

    private Uri ServiceRootOf(Uri requestUri)
    {
        var o = options.CurrentValue;
        var path = requestUri.AbsolutePath;
        foreach (var servicePath in new[] { o.AvailableStockServicePath, o.OutboundDeliveryOrderServicePath, o.SalesOrderServicePath, o.CustomerReturnServicePath })
        {
            var normalized = servicePath.EndsWith('/') ? servicePath : servicePath + "/";
            if (path.StartsWith(normalized, StringComparison.Ordinal))
            {
                return new Uri(requestUri, normalized);
            }
        }

        // Not one of the configured services: the parent path of the resource.
        return new Uri(requestUri, path[..(path.LastIndexOf('/') + 1)]);
    }

    private static void SetToken(HttpRequestMessage request, string token)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, token);
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            clone.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)clone.Options)[option.Key] = option.Value;
        }

        return clone;
    }
}

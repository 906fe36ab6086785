using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// The innermost handler: adds <c>sap-client</c> to every request URL that lacks it (next links included), sends the
/// session's cookies and keeps the ones the system sets.
/// </summary>
internal sealed class SapSessionHandler(SapSession session, IOptionsMonitor<SapEwmOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        if (options.CurrentValue.SapClient is { Length: > 0 } client && !HasSapClient(uri))
        {
            var builder = new UriBuilder(uri);
            var query = builder.Query.TrimStart('?');
            builder.Query = (query.Length == 0 ? string.Empty : query + "&") + "sap-client=" + Uri.EscapeDataString(client);
            request.RequestUri = uri = builder.Uri;
        }

        request.Headers.Remove("Cookie");
        var cookies = session.Cookies.GetCookieHeader(uri);
        if (cookies.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var header in setCookies)
            {
                try
                {
                    session.Cookies.SetCookies(uri, header);
                }
                catch (System.Net.CookieException)
                {
                    // A cookie the container cannot hold (a foreign domain) is not one the session needs.
                }
            }
        }

        return response;
    }

    private static bool HasSapClient(Uri uri)
    {
        var query = uri.Query;
        return query.Contains("?sap-client=", StringComparison.OrdinalIgnoreCase) || query.Contains("&sap-client=", StringComparison.OrdinalIgnoreCase);
    }
}

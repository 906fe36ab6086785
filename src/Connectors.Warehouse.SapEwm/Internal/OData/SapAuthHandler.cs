using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// Authenticates every request: HTTP Basic with the communication user, or an OAuth 2.0 bearer token from
/// <see cref="OAuthTokenSource"/>. A 401 to a bearer token drops the cached token and sends once more with a new one
/// (the token was revoked or the clock of the token server is ahead of ours). With a client certificate the TLS
/// handshake authenticates (<see cref="SapClientCertificates"/>) and requests go out without an Authorization header.
/// </summary>
internal sealed class SapAuthHandler(IOptionsMonitor<SapEwmOptions> options, OAuthTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.CurrentValue;
        if (o.Authentication == SapAuthenticationMode.ClientCertificate)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (o.Authentication == SapAuthenticationMode.Basic)
        {
            var raw = Encoding.UTF8.GetBytes($"{o.UserName}:{o.Password}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        using var again = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            again.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            again.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                again.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(again, cancellationToken).ConfigureAwait(false);
    }
}

using System.Net.Http.Headers;
using System.Net;
using Connectors.Internal;
using Microsoft.Extensions.Options;

namespace Connectors.Magento.Internal;

/// <summary>
/// Authenticates every attempt with the credentials current at that moment (read through
/// <see cref="IOptionsMonitor{TOptions}"/>): an OAuth 1.0a signature with a fresh nonce and timestamp, a bearer token, or
/// an admin token from <see cref="AdminTokenSource"/>. An admin-token request answered 401 is sent once more with a new
/// token. Sits inside the resilience pipeline, so each retry is signed again.
/// </summary>
internal sealed class MagentoAuthHandler(IOptionsMonitor<MagentoOptions> monitor, string channel, TimeProvider time, AdminTokenSource tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = monitor.Get(channel);
        switch (EffectiveMode(options))
        {
            case MagentoAuthMode.OAuth1:
                request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", OAuth1Signer.AuthorizationHeader(
                    request.Method.Method,
                    request.RequestUri ?? throw new InvalidOperationException("The request has no URI."),
                    options.ConsumerKey ?? string.Empty,
                    options.ConsumerSecret ?? string.Empty,
                    options.AccessToken ?? string.Empty,
                    options.AccessTokenSecret ?? string.Empty,
                    options.SignatureMethod,
                    OAuth1Encoding.NewNonce(),
                    time.GetUtcNow().ToUnixTimeSeconds()));
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            case MagentoAuthMode.BearerToken:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AccessToken);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            default:
                var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    return response;
                }

                // The token was revoked or expired early (the store's lifetime is shorter than configured): one new token, one more try.
                response.Dispose();
                tokens.Invalidate(token);
                var renewed = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static MagentoAuthMode EffectiveMode(MagentoOptions options) => options.AuthMode switch
    {
        MagentoAuthMode.Automatic when !string.IsNullOrEmpty(options.ConsumerKey) => MagentoAuthMode.OAuth1,
        MagentoAuthMode.Automatic when !string.IsNullOrEmpty(options.Username) => MagentoAuthMode.AdminUser,
        MagentoAuthMode.Automatic => MagentoAuthMode.BearerToken,
        var explicitMode => explicitMode,
    };
}

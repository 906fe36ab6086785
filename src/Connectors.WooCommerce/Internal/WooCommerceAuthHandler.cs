using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connectors.Internal;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Internal;

/// <summary>
/// Authenticates every attempt with the credentials current at that moment (read through
/// <see cref="IOptionsMonitor{TOptions}"/>, so they rotate without restart): Basic over HTTPS, OAuth 1.0a over HTTP.
/// Sits inside the resilience pipeline, so each retry gets a fresh nonce and timestamp.
/// </summary>
internal sealed class WooCommerceAuthHandler(IOptionsMonitor<WooCommerceOptions> monitor, string channel, TimeProvider time) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = monitor.Get(channel);
        var uri = StripOAuth(request.RequestUri ?? throw new InvalidOperationException("The request has no URI."));
        request.RequestUri = uri;
        var useOAuth = UseOAuth(options, uri);
        if (!useOAuth)
        {
            if (uri.Scheme != Uri.UriSchemeHttps && !options.AllowBasicAuthOverHttp)
            {
                throw new ConnectorAuthenticationException(
                    WooCommerceChannel.PlatformName,
                    $"refused to send Basic credentials over plain HTTP to {uri.GetLeftPart(UriPartial.Authority)}; use HTTPS, OAuth1, or set AllowBasicAuthOverHttp.",
                    statusCode: 0);
            }

            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ConsumerKey + ":" + options.ConsumerSecret));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
            return base.SendAsync(request, cancellationToken);
        }

        var oauth = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", options.ConsumerKey ?? string.Empty),
            new("oauth_nonce", OAuth1Encoding.NewNonce()),
            new("oauth_signature_method", OAuth1Signer.MethodName(options.SignatureMethod)),
            new("oauth_timestamp", time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        var all = OAuth1Encoding.ParseQuery(uri.Query);
        all.AddRange(oauth);
        var signingUrl = OAuth1Signer.SigningUrl(uri, options.HomeUrl);
        var signature = OAuth1Signer.Sign(OAuth1Signer.BaseString(request.Method.Method, signingUrl, all), options.ConsumerSecret ?? string.Empty, options.SignatureMethod);
        oauth.Add(new("oauth_signature", signature));
        if (options.OAuthInHeader)
        {
            var header = string.Join(", ", oauth.Select(p => p.Key + "=\"" + OAuth1Encoding.Encode(p.Value) + "\""));
            request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", header);
        }
        else
        {
            var extra = string.Join('&', oauth.Select(p => p.Key + "=" + OAuth1Encoding.Encode(p.Value)));
            var builder = new UriBuilder(uri) { Query = uri.Query.Length > 1 ? uri.Query[1..] + "&" + extra : extra };
            request.RequestUri = builder.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>A retry re-sends the same message: drop the previous attempt's oauth_* parameters before signing again.</summary>
    private static Uri StripOAuth(Uri uri)
    {
        if (!uri.Query.Contains("oauth_", StringComparison.Ordinal))
        {
            return uri;
        }

        var kept = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("oauth_", StringComparison.Ordinal));
        return new UriBuilder(uri) { Query = string.Join('&', kept) }.Uri;
    }

    internal static bool UseOAuth(WooCommerceOptions options, Uri uri) => options.AuthMode switch
    {
        WooCommerceAuthMode.OAuth1 => true,
        WooCommerceAuthMode.Basic => false,
        _ => uri.Scheme != Uri.UriSchemeHttps,
    };
}

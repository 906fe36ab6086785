using System.Security.Cryptography;
using System.Text;
using Connectors.Internal;

namespace Connectors.WooCommerce.Internal;

/// <summary>
/// OAuth 1.0a one-legged signing as WooCommerce checks it: no token, signing key <c>consumer_secret + "&amp;"</c>,
/// the base string built from the shop's home URL plus the request path, the query and oauth_* parameters sorted and
/// percent-encoded (RFC 3986), and the body not signed.
/// </summary>
internal static class OAuth1Signer
{
    public static string MethodName(WooCommerceSignatureMethod method) =>
        method == WooCommerceSignatureMethod.HmacSha1 ? "HMAC-SHA1" : "HMAC-SHA256";

    /// <summary>Builds the signature base string.</summary>
    /// <param name="httpMethod">GET, POST, ...</param>
    /// <param name="signingUrl">Scheme, host, port and path, without query.</param>
    /// <param name="parameters">Query and oauth_* parameters, decoded, without oauth_signature.</param>
    public static string BaseString(string httpMethod, string signingUrl, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = parameters
            .Select(p => (Key: OAuth1Encoding.Encode(p.Key), Value: OAuth1Encoding.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        return httpMethod.ToUpperInvariant() + "&" + OAuth1Encoding.Encode(signingUrl) + "&" + OAuth1Encoding.Encode(string.Join('&', normalized));
    }

    public static string Sign(string baseString, string consumerSecret, WooCommerceSignatureMethod method)
    {
        var key = Encoding.UTF8.GetBytes(OAuth1Encoding.Encode(consumerSecret) + "&");
        var data = Encoding.UTF8.GetBytes(baseString);
#pragma warning disable CA5350 // HMAC-SHA1 is what OAuth 1.0a hosts may require; opt-in through WooCommerceOptions.SignatureMethod.
        var hash = method == WooCommerceSignatureMethod.HmacSha1 ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>The URL the base string uses: the home URL's scheme, host and port with the request's path.</summary>
    public static string SigningUrl(Uri requestUri, Uri? homeUrl)
    {
        var path = requestUri.AbsolutePath;
        if (homeUrl is null)
        {
            return requestUri.GetLeftPart(UriPartial.Path);
        }

        // WordPress strips its base path (a shop in /blog/) from the request path and appends the rest to the home URL.
        var homePath = homeUrl.AbsolutePath.TrimEnd('/');
        if (homePath.Length > 0 && path.StartsWith(homePath + "/", StringComparison.Ordinal))
        {
            path = path[homePath.Length..];
        }

        return homeUrl.GetLeftPart(UriPartial.Authority) + homePath + path;
    }
}

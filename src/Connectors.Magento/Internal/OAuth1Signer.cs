using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connectors.Internal;

namespace Connectors.Magento.Internal;

/// <summary>
/// OAuth 1.0a request signing as RFC 5849 section 3.4 defines it, with a token (Magento integrations): the base string
/// is the method, the base string URI (scheme and host lower-case, default port dropped, no query) and the normalized
/// parameters (query and oauth_* parameters, decoded, re-encoded with RFC 3986, sorted by name then value); the key is
/// <c>encode(consumer secret) &amp; encode(token secret)</c>. A JSON body is not signed (it is not form-encoded).
/// </summary>
internal static class OAuth1Signer
{
    public static string MethodName(MagentoSignatureMethod method) =>
        method == MagentoSignatureMethod.HmacSha1 ? "HMAC-SHA1" : "HMAC-SHA256";

    public static string BaseString(string httpMethod, Uri uri, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var normalized = parameters
            .Select(p => (Key: OAuth1Encoding.Encode(p.Key), Value: OAuth1Encoding.Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value);
        return httpMethod.ToUpperInvariant() + "&" + OAuth1Encoding.Encode(BaseStringUri(uri)) + "&" + OAuth1Encoding.Encode(string.Join('&', normalized));
    }

    /// <summary>RFC 5849 section 3.4.1.2: scheme and host in lower case, the port only when not the scheme's default, the path.</summary>
    public static string BaseStringUri(Uri uri)
    {
        var scheme = uri.Scheme.ToLowerInvariant();
        var host = uri.Host.ToLowerInvariant();
        var port = uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return scheme + "://" + host + port + uri.AbsolutePath;
    }

    public static string Sign(string baseString, string consumerSecret, string tokenSecret, MagentoSignatureMethod method)
    {
        var key = Encoding.UTF8.GetBytes(OAuth1Encoding.Encode(consumerSecret) + "&" + OAuth1Encoding.Encode(tokenSecret));
        var data = Encoding.UTF8.GetBytes(baseString);
#pragma warning disable CA5350 // HMAC-SHA1 is opt-in through MagentoOptions.SignatureMethod for stores that require it.
        var hash = method == MagentoSignatureMethod.HmacSha1 ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>Builds the <c>Authorization: OAuth ...</c> header value for one request.</summary>
    public static string AuthorizationHeader(
        string httpMethod, Uri uri, string consumerKey, string consumerSecret, string token, string tokenSecret, MagentoSignatureMethod method, string nonce, long timestamp)
    {
        var oauth = new List<KeyValuePair<string, string>>
        {
            new("oauth_consumer_key", consumerKey),
            new("oauth_nonce", nonce),
            new("oauth_signature_method", MethodName(method)),
            new("oauth_timestamp", timestamp.ToString(CultureInfo.InvariantCulture)),
            new("oauth_token", token),
            new("oauth_version", "1.0"),
        };
        var all = OAuth1Encoding.ParseQuery(uri.Query);
        all.AddRange(oauth);
        var signature = Sign(BaseString(httpMethod, uri, all), consumerSecret, tokenSecret, method);
        oauth.Add(new("oauth_signature", signature));
        return string.Join(",", oauth.Select(p => p.Key + "=\"" + OAuth1Encoding.Encode(p.Value) + "\""));
    }
}

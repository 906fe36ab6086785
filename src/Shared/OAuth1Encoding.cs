using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Internal;

/// <summary>
/// The text rules of OAuth 1.0a (RFC 5849) that every platform signing with it shares: reading a query into
/// parameters, percent-encoding and nonces. How the base string and key are built differs per platform and stays in
/// each package's signer. Linked as source from <c>src/Shared</c> into each package that signs with OAuth 1.0a.
/// </summary>
internal static class OAuth1Encoding
{
    /// <summary>Decoded query parameters (<c>+</c> read as a space, as form encoding has it).</summary>
    public static List<KeyValuePair<string, string>> ParseQuery(string query)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            result.Add(new(Uri.UnescapeDataString(key.Replace('+', ' ')), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return result;
    }

    /// <summary>RFC 3986 percent-encoding (unreserved characters kept), as RFC 5849 section 3.6 requires.</summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>A fresh 128-bit random nonce in lower-case hex.</summary>
    public static string NewNonce()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Connectors;

/// <summary>HMAC helpers shared by the platforms' webhook handlers.</summary>
public static class WebhookSignature
{
    /// <summary>Computes base64(HMAC-SHA256(body, secret)), the scheme Shopify and WooCommerce use.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="secret">The shared secret.</param>
    /// <returns>The base64 signature.</returns>
    public static string ComputeHmacSha256Base64(ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, hash);
        return Convert.ToBase64String(hash);
    }

    /// <summary>
    /// Checks a base64 HMAC-SHA256 signature in constant time. Malformed base64 is simply not valid.
    /// </summary>
    /// <param name="body">The raw body.</param>
    /// <param name="secret">The shared secret.</param>
    /// <param name="signatureBase64">The signature the sender put in its header.</param>
    /// <returns><see langword="true"/> when the signature matches.</returns>
    public static bool VerifyHmacSha256Base64(ReadOnlySpan<byte> body, string secret, string? signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(signatureBase64))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signatureBase64.Trim(), given, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }
}

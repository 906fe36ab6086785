namespace Connectors.WooCommerce;

/// <summary>The OAuth 1.0a signature method.</summary>
public enum WooCommerceSignatureMethod
{
    /// <summary><c>HMAC-SHA256</c>, the default.</summary>
    HmacSha256 = 0,

    /// <summary><c>HMAC-SHA1</c>, for hosts that only know it.</summary>
    HmacSha1,
}

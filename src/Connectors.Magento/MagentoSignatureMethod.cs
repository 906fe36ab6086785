namespace Connectors.Magento;

/// <summary>The OAuth 1.0a signature method of <see cref="MagentoAuthMode.OAuth1"/>.</summary>
public enum MagentoSignatureMethod
{
    /// <summary>HMAC-SHA256, what Magento documents for integrations.</summary>
    HmacSha256 = 0,

    /// <summary>HMAC-SHA1 (RFC 5849 section 3.4.2), for stores that still require it.</summary>
    HmacSha1,
}

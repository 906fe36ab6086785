namespace Connectors.WooCommerce;

/// <summary>How requests to the shop authenticate.</summary>
public enum WooCommerceAuthMode
{
    /// <summary>HTTP Basic over HTTPS, OAuth 1.0a one-legged over plain HTTP (WooCommerce's own rule).</summary>
    Automatic = 0,

    /// <summary>Always HTTP Basic; over plain HTTP only with <see cref="WooCommerceOptions.AllowBasicAuthOverHttp"/>.</summary>
    Basic,

    /// <summary>Always OAuth 1.0a one-legged signing.</summary>
    OAuth1,
}

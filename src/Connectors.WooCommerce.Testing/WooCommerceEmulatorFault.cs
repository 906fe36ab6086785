namespace Connectors.Testing.WooCommerce;

/// <summary>A fault the <see cref="WooCommerceEmulator"/> answers with instead of the real answer.</summary>
public enum WooCommerceEmulatorFault
{
    /// <summary>HTTP 429 with <c>Retry-After</c> (a host's rate limiter or WAF).</summary>
    TooManyRequests = 0,

    /// <summary>HTTP 503 with <c>Retry-After</c> and WordPress's maintenance page (HTML).</summary>
    ServiceUnavailable,

    /// <summary>HTTP 500 with a JSON-less PHP fatal error page.</summary>
    InternalServerError,

    /// <summary>HTTP 403 with a web application firewall's HTML page.</summary>
    HtmlErrorPage,

    /// <summary>HTTP 200 whose JSON is cut off.</summary>
    MalformedJson,

    /// <summary>HTTP 200 with a PHP notice printed before the JSON.</summary>
    PhpNotice,

    /// <summary>HTTP 200 with drifted types: numbers as strings, empty strings as <c>false</c>.</summary>
    TypeDrift,
}

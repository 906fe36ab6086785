namespace Connectors.WooCommerce;

/// <summary>
/// WooCommerce refused a request as invalid (HTTP 400, for example <c>rest_invalid_param</c>); <see cref="Parameters"/>
/// names each refused parameter with WooCommerce's reason. Not transient.
/// </summary>
public sealed class WooCommerceRequestValidationException : ConnectorRequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="errorCode">WooCommerce's error code.</param>
    /// <param name="parameters">The refused parameters and reasons (<c>data.params</c>).</param>
    /// <param name="responseBody">The response body (truncated).</param>
    public WooCommerceRequestValidationException(string message, int statusCode, string? errorCode, IReadOnlyDictionary<string, string> parameters, string? responseBody = null)
        : base(WooCommerceChannel.PlatformName, message, statusCode, errorCode, responseBody: responseBody, isTransient: false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
    }

    /// <summary>The refused parameters and WooCommerce's reason for each (<c>data.params</c>).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }
}

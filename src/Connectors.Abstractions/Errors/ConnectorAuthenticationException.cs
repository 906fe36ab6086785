namespace Connectors;

/// <summary>The platform refused our credentials (401) or their scope (403). Permanent until the credentials change.</summary>
public sealed class ConnectorAuthenticationException : ConnectorRequestFailedException
{
    /// <summary>Creates an exception. Never pass a secret in any argument.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="message">What was refused.</param>
    /// <param name="statusCode">401 or 403.</param>
    /// <param name="errorCode">The platform's error code.</param>
    /// <param name="requestId">The platform's request id.</param>
    /// <param name="responseBody">The response body excerpt.</param>
    public ConnectorAuthenticationException(string platform, string message, int statusCode = 401, string? errorCode = null, string? requestId = null, string? responseBody = null)
        : base(platform, message, statusCode, errorCode, requestId, null, responseBody, isTransient: false)
    {
    }
}

namespace Connectors;

/// <summary>The platform does not know the resource (order, item, location). Permanent.</summary>
public sealed class ConnectorNotFoundException : ConnectorRequestFailedException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="message">What was not found.</param>
    /// <param name="errorCode">The platform's error code.</param>
    /// <param name="requestId">The platform's request id.</param>
    /// <param name="responseBody">The response body excerpt.</param>
    public ConnectorNotFoundException(string platform, string message, string? errorCode = null, string? requestId = null, string? responseBody = null)
        : base(platform, message, 404, errorCode, requestId, null, responseBody, isTransient: false)
    {
    }
}

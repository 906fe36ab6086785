namespace Connectors;

/// <summary>
/// The platform throttled us and the configured wait budget ran out, or the limit is not one waiting fixes soon
/// (set <see cref="ConnectorException.IsTransient"/> accordingly).
/// </summary>
public sealed class ConnectorRateLimitedException : ConnectorRequestFailedException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="platform">The platform.</param>
    /// <param name="message">What limit was hit.</param>
    /// <param name="retryAfter">How long the platform asked us to wait.</param>
    /// <param name="isTransient">Whether waiting helps; <see langword="false"/> for caps such as a daily limit.</param>
    /// <param name="statusCode">The HTTP status (429, or 200 for a GraphQL THROTTLED error).</param>
    /// <param name="requestId">The platform's request id.</param>
    /// <param name="responseBody">The response body excerpt.</param>
    public ConnectorRateLimitedException(
        string platform,
        string message,
        TimeSpan? retryAfter,
        bool isTransient = true,
        int? statusCode = 429,
        string? requestId = null,
        string? responseBody = null)
        : base(platform, message, statusCode, "RATE_LIMITED", requestId, retryAfter, responseBody, isTransient)
    {
    }
}

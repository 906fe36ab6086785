using System.Globalization;

namespace Connectors;

/// <summary>A platform API call failed. Carries what a support ticket needs: status, code, request id, a body excerpt.</summary>
public class ConnectorRequestFailedException : ConnectorException
{
    /// <summary>The most body characters kept.</summary>
    public const int MaxBodyLength = 1024;

    /// <summary>Creates an exception.</summary>
    /// <param name="platform">The platform (for example <c>shopify</c>).</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no response arrived.</param>
    /// <param name="errorCode">The platform's error code.</param>
    /// <param name="requestId">The platform's request id header.</param>
    /// <param name="retryAfter">How long the platform asked us to wait.</param>
    /// <param name="responseBody">The response body; truncated to <see cref="MaxBodyLength"/> characters.</param>
    /// <param name="isTransient">Whether a retry may succeed; by default derived from the status.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorRequestFailedException(
        string platform,
        string message,
        int? statusCode = null,
        string? errorCode = null,
        string? requestId = null,
        TimeSpan? retryAfter = null,
        string? responseBody = null,
        bool? isTransient = null,
        Exception? innerException = null)
        : base(Describe(platform, message, statusCode, errorCode, requestId), isTransient ?? IsTransientStatus(statusCode), innerException)
    {
        Platform = platform;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RequestId = requestId;
        RetryAfter = retryAfter;
        ResponseBody = Truncate(responseBody);
    }

    /// <summary>The platform.</summary>
    public string Platform { get; }

    /// <summary>The HTTP status, or <see langword="null"/> when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The platform's error code.</summary>
    public string? ErrorCode { get; }

    /// <summary>The platform's request id.</summary>
    public string? RequestId { get; }

    /// <summary>How long the platform asked us to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The start of the response body.</summary>
    public string? ResponseBody { get; }

    /// <summary>Whether a status is worth retrying: no response, 408, 429 and 5xx.</summary>
    /// <param name="statusCode">The status.</param>
    /// <returns><see langword="true"/> when a retry may succeed.</returns>
    public static bool IsTransientStatus(int? statusCode) =>
        statusCode is null or 408 or 429 or >= 500;

    private static string? Truncate(string? body) =>
        body is { Length: > MaxBodyLength } ? string.Concat(body.AsSpan(0, MaxBodyLength), "…") : body;

    private static string Describe(string platform, string message, int? statusCode, string? errorCode, string? requestId)
    {
        var status = statusCode is null ? "no response" : statusCode.Value.ToString(CultureInfo.InvariantCulture);
        var code = errorCode is null ? string.Empty : $", code {errorCode}";
        var request = requestId is null ? string.Empty : $", request {requestId}";
        return $"{platform}: {message} ({status}{code}{request})";
    }
}

namespace Connectors.Testing.SapEwm;

/// <summary>A fault the <see cref="SapEwmEmulator"/> answers with instead of the real answer.</summary>
public enum SapEwmEmulatorFault
{
    /// <summary>HTTP 503 with <c>Retry-After</c> and an SAP error body (system in maintenance, work processes exhausted).</summary>
    ServiceUnavailable = 0,

    /// <summary>HTTP 429 with <c>Retry-After</c> (an API management rate limit in front of the system).</summary>
    TooManyRequests,

    /// <summary>HTTP 500 with an SAP error body (a short dump).</summary>
    InternalServerError,

    /// <summary>HTTP 502 with an HTML page of the web dispatcher, no SAP JSON.</summary>
    BadGatewayHtml,

    /// <summary>The connection is closed without an answer.</summary>
    ConnectionDrop,

    /// <summary>HTTP 200 whose JSON is cut off.</summary>
    TruncatedJson,

    /// <summary>The request is carried out, but the connection is closed before the answer (a lost answer).</summary>
    LoseAnswer,
}

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// S/4HANA answered an OData request with an error. Carries SAP's error body typed: <see cref="SapCode"/>
/// (<c>error.code</c>), <see cref="SapMessage"/> (<c>error.message</c>), the <see cref="Details"/> and SAP's
/// <see cref="TransactionId"/> for a support ticket. Transient for 408, 412 (changed concurrently: a re-read succeeds), 429 and 5xx.
/// </summary>
public sealed class SapRequestFailedException : ConnectorRequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="sapCode">SAP's <c>error.code</c>.</param>
    /// <param name="sapMessage">SAP's <c>error.message</c>.</param>
    /// <param name="details">SAP's further messages.</param>
    /// <param name="transactionId">SAP's transaction id (<c>innererror.transactionid</c>), or the request id header.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> SAP sent.</param>
    /// <param name="responseBody">The response body (truncated).</param>
    /// <param name="isTransient">Whether a retry may succeed; by default derived from the status.</param>
    public SapRequestFailedException(
        string message,
        int statusCode,
        string? sapCode,
        string? sapMessage,
        IReadOnlyList<SapErrorDetail>? details = null,
        string? transactionId = null,
        TimeSpan? retryAfter = null,
        string? responseBody = null,
        bool? isTransient = null)
        : base(SapEwmWarehouse.PlatformName, message, statusCode, sapCode, transactionId, retryAfter, responseBody, isTransient)
    {
        SapCode = sapCode;
        SapMessage = sapMessage;
        Details = details ?? [];
        TransactionId = transactionId;
    }

    /// <summary>SAP's <c>error.code</c>.</summary>
    public string? SapCode { get; }

    /// <summary>SAP's <c>error.message</c>.</summary>
    public string? SapMessage { get; }

    /// <summary>SAP's further messages.</summary>
    public IReadOnlyList<SapErrorDetail> Details { get; }

    /// <summary>SAP's transaction id, for a support ticket.</summary>
    public string? TransactionId { get; }
}

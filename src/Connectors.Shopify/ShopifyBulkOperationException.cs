namespace Connectors.Shopify;

/// <summary>
/// A bulk operation did not deliver a complete result: it ended <c>FAILED</c> (with Shopify's <c>errorCode</c>),
/// <c>CANCELED</c> or <c>EXPIRED</c>, it was refused with a user error other than a concurrency limit, it did not finish
/// in <see cref="ShopifyOptions.BulkOperationTimeout"/>, or its result file could not be read whole. Nothing of a failed
/// operation is returned, not even the partial data Shopify offers (<c>partialDataUrl</c>): a partial catalogue read as a
/// whole one would make every missing item look deleted.
/// </summary>
public sealed class ShopifyBulkOperationException : ConnectorRequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="operationId">The BulkOperation GID, when one was created.</param>
    /// <param name="status">The operation's last status (<c>FAILED</c>, <c>CANCELED</c>, <c>EXPIRED</c>, <c>RUNNING</c>…), when known.</param>
    /// <param name="errorCode">Shopify's <c>errorCode</c> of a failed operation (<c>ACCESS_DENIED</c>, <c>INTERNAL_SERVER_ERROR</c>, <c>TIMEOUT</c>) or the user error's code.</param>
    /// <param name="hasPartialData">Whether Shopify offered partial data (<c>partialDataUrl</c>), which was not read.</param>
    /// <param name="isTransient">Whether running the read again may succeed.</param>
    public ShopifyBulkOperationException(string message, string? operationId, string? status, string? errorCode, bool hasPartialData, bool isTransient)
        : base(ShopifyChannelDefaults.Platform, message, null, errorCode, null, null, null, isTransient)
    {
        OperationId = operationId;
        Status = status;
        HasPartialData = hasPartialData;
    }

    /// <summary>The BulkOperation GID, when one was created.</summary>
    public string? OperationId { get; }

    /// <summary>The operation's last status, when known.</summary>
    public string? Status { get; }

    /// <summary>Whether Shopify offered partial data (<c>partialDataUrl</c>); it was not read.</summary>
    public bool HasPartialData { get; }
}

namespace Connectors.Shopify;

/// <summary>Shopify answered a GraphQL request with top-level <c>errors</c> (other than <c>THROTTLED</c>).</summary>
public sealed class ShopifyGraphQLException : ConnectorRequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The GraphQL operation name.</param>
    /// <param name="message">The first error's message.</param>
    /// <param name="errorCode">The first error's <c>extensions.code</c>.</param>
    /// <param name="requestId">The <c>X-Request-Id</c> of the response.</param>
    /// <param name="responseBody">The response body (truncated).</param>
    /// <param name="isTransient">Whether a retry may succeed (for example <c>INTERNAL_SERVER_ERROR</c>).</param>
    public ShopifyGraphQLException(string operation, string message, string? errorCode, string? requestId, string? responseBody, bool isTransient)
        : base(ShopifyChannelDefaults.Platform, $"{operation}: {message}", 200, errorCode, requestId, null, responseBody, isTransient)
    {
        Operation = operation;
    }

    /// <summary>The GraphQL operation name.</summary>
    public string Operation { get; }
}

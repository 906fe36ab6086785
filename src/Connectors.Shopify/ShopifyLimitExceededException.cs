namespace Connectors.Shopify;

/// <summary>
/// An HTTP 429 from Shopify that is not the query-cost bucket (for example a daily variant-creation cap or a development
/// store's order limit). It is transient: the request may succeed after <see cref="ConnectorRequestFailedException.RetryAfter"/>
/// (Shopify's <c>Retry-After</c>, or one minute when none is given), so the engine retries it then rather than dead-lettering it;
/// it is not waited for inside the client like a throttle.
/// </summary>
public sealed class ShopifyLimitExceededException : ConnectorRequestFailedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused, without secrets.</param>
    /// <param name="retryAfter">The platform's <c>Retry-After</c>, when given.</param>
    /// <param name="requestId">The <c>X-Request-Id</c> of the response.</param>
    /// <param name="responseBody">The response body (truncated).</param>
    public ShopifyLimitExceededException(string message, TimeSpan? retryAfter, string? requestId = null, string? responseBody = null)
        : base(ShopifyChannelDefaults.Platform, message, 429, "LIMIT_EXCEEDED", requestId, retryAfter, responseBody, isTransient: true)
    {
    }
}

namespace Connectors.Testing.Shopify;

/// <summary>A fault the emulator injects into the next GraphQL responses.</summary>
public enum ShopifyEmulatorFault
{
    /// <summary>HTTP 429 with <c>Retry-After: 1</c> and a non-GraphQL body (a limit that is not the cost bucket).</summary>
    TooManyRequests = 0,

    /// <summary>HTTP 503.</summary>
    ServerError,

    /// <summary>HTTP 200 with a truncated JSON body.</summary>
    MalformedJson,

    /// <summary>The response is delayed by <see cref="ShopifyEmulator.FaultDelay"/>, then served normally.</summary>
    Slow,

    /// <summary>
    /// The request is carried out (a mutation takes effect), then the answer is lost: HTTP 502 instead of the result,
    /// as when a proxy or the connection fails after the shop did the work.
    /// </summary>
    AnswerLost,
}

namespace Connectors;

/// <summary>Verifies and parses a channel's webhook deliveries.</summary>
public interface IWebhookHandler
{
    /// <summary>The channel instance this handler serves.</summary>
    string Channel { get; }

    /// <summary>Checks the delivery's signature (and timestamp where the platform sends one) in constant time.</summary>
    /// <param name="request">The raw delivery.</param>
    /// <returns>Whether it is authentic.</returns>
    WebhookVerificationResult Verify(WebhookRequest request);

    /// <summary>Parses a verified delivery into canonical events. Topics the SDK does not use yield no events.</summary>
    /// <param name="request">The raw delivery.</param>
    /// <returns>The events.</returns>
    /// <exception cref="WebhookPayloadException">The body is malformed; the exception names the field.</exception>
    IReadOnlyList<ChannelEvent> Parse(WebhookRequest request);
}

namespace Connectors;

/// <summary>Whether a webhook delivery is authentic. The failure reason never contains a secret.</summary>
/// <param name="IsValid">Whether the signature and freshness checks passed.</param>
/// <param name="FailureReason">Why not, for logs and metrics.</param>
/// <param name="IsPing">The delivery is a platform ping or set-up request that carries no event (answered, not queued).</param>
public sealed record WebhookVerificationResult(bool IsValid, string? FailureReason = null, bool IsPing = false)
{
    /// <summary>A valid delivery.</summary>
    public static WebhookVerificationResult Valid { get; } = new(true);

    /// <summary>A failed verification.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static WebhookVerificationResult Invalid(string reason) => new(false, reason);
}

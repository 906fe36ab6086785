namespace Connectors;

/// <summary>Whether a webhook delivery is authentic. The failure reason never contains a secret.</summary>
public sealed record WebhookVerificationResult
{
    /// <summary>Whether the signature and freshness checks passed.</summary>
    public required bool IsValid { get; init; }

    /// <summary>Why not, for logs and metrics.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The delivery is a platform ping or set-up request that carries no event (answered, not queued).</summary>
    public bool IsPing { get; init; }

    /// <summary>A valid delivery.</summary>
    public static WebhookVerificationResult Valid { get; } = new() { IsValid = true };

    /// <summary>A failed verification.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static WebhookVerificationResult Invalid(string reason) => new()
    {
        IsValid = false,
        FailureReason = reason,
    };
}

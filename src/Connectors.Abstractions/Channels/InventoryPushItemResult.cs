namespace Connectors;

/// <summary>The outcome of one target of an inventory push.</summary>
public sealed record InventoryPushItemResult
{
    /// <summary>The target pushed.</summary>
    public required InventoryTarget Target { get; init; }

    /// <summary>What happened.</summary>
    public required PushOutcome Outcome { get; init; }

    /// <summary>Why it was rejected or must be retried, in the platform's words where possible.</summary>
    public string? Reason { get; init; }

    /// <summary>The platform's error code, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>How long to wait before a retry, when the platform said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>An applied result.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult Applied(InventoryTarget target) => new()
    {
        Target = target,
        Outcome = PushOutcome.Applied,
    };

    /// <summary>A rejected result.</summary>
    /// <param name="target">The target.</param>
    /// <param name="reason">Why.</param>
    /// <param name="errorCode">The platform's code.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult Rejected(InventoryTarget target, string reason, string? errorCode = null) =>
        new() { Target = target, Outcome = PushOutcome.Rejected, Reason = reason, ErrorCode = errorCode };

    /// <summary>A result for an item the channel does not carry at the target's location (see <see cref="PushOutcome.NotListed"/>).</summary>
    /// <param name="target">The target.</param>
    /// <param name="reason">Why, in the platform's words where possible.</param>
    /// <param name="errorCode">The platform's code.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult NotListed(InventoryTarget target, string reason, string? errorCode = null) =>
        new() { Target = target, Outcome = PushOutcome.NotListed, Reason = reason, ErrorCode = errorCode };

    /// <summary>A retry result.</summary>
    /// <param name="target">The target.</param>
    /// <param name="reason">Why.</param>
    /// <param name="retryAfter">How long to wait, when known.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult Retry(InventoryTarget target, string reason, TimeSpan? retryAfter = null) =>
        new()
        {
            Target = target,
            Outcome = PushOutcome.Retry,
            Reason = reason,
            ErrorCode = null,
            RetryAfter = retryAfter,
        };
}

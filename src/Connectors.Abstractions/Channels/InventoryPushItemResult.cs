namespace Connectors;

/// <summary>The outcome of one target of an inventory push.</summary>
/// <param name="Target">The target pushed.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why it was rejected or must be retried, in the platform's words where possible.</param>
/// <param name="ErrorCode">The platform's error code, if any.</param>
/// <param name="RetryAfter">How long to wait before a retry, when the platform said.</param>
public sealed record InventoryPushItemResult(
    InventoryTarget Target,
    PushOutcome Outcome,
    string? Reason = null,
    string? ErrorCode = null,
    TimeSpan? RetryAfter = null)
{
    /// <summary>An applied result.</summary>
    /// <param name="target">The target.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult Applied(InventoryTarget target) => new(target, PushOutcome.Applied);

    /// <summary>A rejected result.</summary>
    /// <param name="target">The target.</param>
    /// <param name="reason">Why.</param>
    /// <param name="errorCode">The platform's code.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult Rejected(InventoryTarget target, string reason, string? errorCode = null) =>
        new(target, PushOutcome.Rejected, reason, errorCode);

    /// <summary>A result for an item the channel does not carry at the target's location (see <see cref="PushOutcome.NotListed"/>).</summary>
    /// <param name="target">The target.</param>
    /// <param name="reason">Why, in the platform's words where possible.</param>
    /// <param name="errorCode">The platform's code.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult NotListed(InventoryTarget target, string reason, string? errorCode = null) =>
        new(target, PushOutcome.NotListed, reason, errorCode);

    /// <summary>A retry result.</summary>
    /// <param name="target">The target.</param>
    /// <param name="reason">Why.</param>
    /// <param name="retryAfter">How long to wait, when known.</param>
    /// <returns>The result.</returns>
    public static InventoryPushItemResult Retry(InventoryTarget target, string reason, TimeSpan? retryAfter = null) =>
        new(target, PushOutcome.Retry, reason, null, retryAfter);
}

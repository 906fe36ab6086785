namespace Connectors.DeadLetters.Internal;

/// <summary>The outcome tag values of one work item's span and duration.</summary>
internal static class WorkOutcomeNames
{
    public const string Completed = "completed";

    public const string Retried = "retried";

    public const string DeadLettered = "dead_lettered";

    /// <summary>The worker's lease ran out and another worker owns the item now; nothing of this worker's was written.</summary>
    public const string LeaseLost = "lease_lost";
}

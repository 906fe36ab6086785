namespace Connectors.DeadLetters.Internal;

/// <summary>The outcome tag values of one work item's span and duration.</summary>
internal static class WorkOutcomeNames
{
    public const string Completed = "completed";

    public const string Retried = "retried";

    public const string DeadLettered = "dead_lettered";
}

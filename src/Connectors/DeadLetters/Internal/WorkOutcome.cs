namespace Connectors.DeadLetters.Internal;

/// <summary>What became of a work item whose processing threw.</summary>
internal enum WorkOutcome
{
    Retried = 0,
    DeadLettered,
    LeaseLost,
}

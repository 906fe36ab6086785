namespace Connectors;

/// <summary>The result of one processing pass over the inbox or the outbox.</summary>
public sealed record WorkPassResult
{
    /// <summary>Items claimed.</summary>
    public required int Claimed { get; init; }

    /// <summary>Items done (including duplicates and stale versions, which complete without effect).</summary>
    public required int Completed { get; init; }

    /// <summary>Items that failed transiently and were rescheduled with backoff.</summary>
    public required int Retried { get; init; }

    /// <summary>Items that cannot proceed and became dead letters.</summary>
    public required int DeadLettered { get; init; }
}

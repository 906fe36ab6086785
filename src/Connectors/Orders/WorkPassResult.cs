namespace Connectors;

/// <summary>The result of one processing pass over the inbox or the outbox.</summary>
/// <param name="Claimed">Items claimed.</param>
/// <param name="Completed">Items done (including duplicates and stale versions, which complete without effect).</param>
/// <param name="Retried">Items that failed transiently and were rescheduled with backoff.</param>
/// <param name="DeadLettered">Items that cannot proceed and became dead letters.</param>
public sealed record WorkPassResult(int Claimed, int Completed, int Retried, int DeadLettered);

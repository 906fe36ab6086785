namespace Connectors;

/// <summary>Something that could not proceed: the payload, the reason, the attempts, visible and replayable.</summary>
/// <param name="Id">The dead letter id (the work item id for queue items).</param>
/// <param name="Channel">The channel instance.</param>
/// <param name="Flow">The flow (<c>inventory</c>, <c>orders</c>, <c>fulfillment</c>, <c>returns</c>).</param>
/// <param name="Kind">What the payload is.</param>
/// <param name="Reason">Why it stopped, naming the field where there is one.</param>
/// <param name="ErrorType">The exception type or platform error code.</param>
/// <param name="Payload">The payload, as it was.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="FirstAttemptAt">When it was first seen.</param>
/// <param name="DeadLetteredAt">When it was dead-lettered.</param>
/// <param name="SourceQueue">The queue it came from, or <see langword="null"/> for inventory rows.</param>
public sealed record DeadLetter(
    string Id,
    string Channel,
    string Flow,
    string Kind,
    string Reason,
    string? ErrorType,
    string Payload,
    int Attempts,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset DeadLetteredAt,
    WorkQueue? SourceQueue);

namespace Connectors;

/// <summary>Something that could not proceed: the payload, the reason, the attempts, visible and replayable.</summary>
public sealed record DeadLetter
{
    /// <summary>The dead letter id (the work item id for queue items).</summary>
    public required string Id { get; init; }

    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The flow (<c>inventory</c>, <c>orders</c>, <c>fulfillment</c>, <c>returns</c>).</summary>
    public required string Flow { get; init; }

    /// <summary>What the payload is.</summary>
    public required string Kind { get; init; }

    /// <summary>Why it stopped, naming the field where there is one.</summary>
    public required string Reason { get; init; }

    /// <summary>The exception type or platform error code.</summary>
    public string? ErrorType { get; init; }

    /// <summary>The payload, as it was.</summary>
    public required string Payload { get; init; }

    /// <summary>How many attempts were made.</summary>
    public required int Attempts { get; init; }

    /// <summary>When it was first seen.</summary>
    public required DateTimeOffset FirstAttemptAt { get; init; }

    /// <summary>When it was dead-lettered.</summary>
    public required DateTimeOffset DeadLetteredAt { get; init; }

    /// <summary>The queue it came from, or <see langword="null"/> for inventory rows.</summary>
    public WorkQueue? SourceQueue { get; init; }
}

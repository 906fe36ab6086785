namespace Connectors;

/// <summary>
/// One durable unit of work in the inbox or outbox. <see cref="Id"/> is its de-duplication key: a second
/// enqueue with the same id is refused, whatever the first one's status.
/// </summary>
public sealed record WorkItem
{
    /// <summary>The de-duplication key (for example <c>store-a/order/1001/638000000000000000</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>What the payload is (for example <c>order</c>, <c>shipment</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The serialized payload.</summary>
    public required string Payload { get; init; }

    /// <summary>When it was enqueued; claims go oldest first.</summary>
    public required DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>How many times it was claimed.</summary>
    public int Attempts { get; init; }

    /// <summary>When it may be claimed next.</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>Where it stands.</summary>
    public WorkItemStatus Status { get; init; } = WorkItemStatus.Pending;

    /// <summary>The last failure.</summary>
    public string? LastError { get; init; }

    /// <summary>
    /// The owner token of the claim that returned this item, or <see langword="null"/> on an item that was not claimed
    /// (or from a store without <see cref="IOwnedWorkItemStore"/>). Writes through <see cref="IOwnedWorkItemStore"/> carry it,
    /// so a worker whose lease ran out cannot write over the item's next owner.
    /// </summary>
    public string? LeaseToken { get; init; }
}

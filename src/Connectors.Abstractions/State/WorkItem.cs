namespace Connectors;

/// <summary>
/// One durable unit of work in the inbox or outbox. <see cref="Id"/> is its de-duplication key: a second
/// enqueue with the same id is refused, whatever the first one's status.
/// </summary>
/// <param name="Id">The de-duplication key (for example <c>store-a/order/1001/638000000000000000</c>).</param>
/// <param name="Channel">The channel instance.</param>
/// <param name="Kind">What the payload is (for example <c>order</c>, <c>shipment</c>).</param>
/// <param name="Payload">The serialized payload.</param>
/// <param name="EnqueuedAt">When it was enqueued; claims go oldest first.</param>
/// <param name="Attempts">How many times it was claimed.</param>
/// <param name="NextAttemptAt">When it may be claimed next.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="LastError">The last failure.</param>
public sealed record WorkItem(
    string Id,
    string Channel,
    string Kind,
    string Payload,
    DateTimeOffset EnqueuedAt,
    int Attempts = 0,
    DateTimeOffset NextAttemptAt = default,
    WorkItemStatus Status = WorkItemStatus.Pending,
    string? LastError = null)
{
    /// <summary>
    /// The owner token of the claim that returned this item, or <see langword="null"/> on an item that was not claimed
    /// (or from a store without <see cref="IOwnedWorkItemStore"/>). Writes through <see cref="IOwnedWorkItemStore"/> carry it,
    /// so a worker whose lease ran out cannot write over the item's next owner.
    /// </summary>
    public string? LeaseToken { get; init; }
}

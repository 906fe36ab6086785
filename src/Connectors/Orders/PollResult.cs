namespace Connectors;

/// <summary>The result of one poll of a channel.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="Since">The instant the poll asked from (the stored cursor minus the overlap).</param>
/// <param name="Seen">Orders or returns the channel listed.</param>
/// <param name="Enqueued">Those new to the inbox.</param>
/// <param name="Cursor">The cursor stored for the next poll.</param>
public sealed record PollResult(string Channel, DateTimeOffset Since, int Seen, int Enqueued, DateTimeOffset Cursor)
{
    /// <summary>Orders the channel listed but could not read, dead-lettered by this poll (see <see cref="IOrderListingChannel"/>).</summary>
    /// <value>0 unless the channel implements <see cref="IOrderListingChannel"/> and listed an unreadable order not dead-lettered before.</value>
    public int DeadLettered { get; init; }
}

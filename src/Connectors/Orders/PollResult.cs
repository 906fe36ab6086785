namespace Connectors;

/// <summary>The result of one poll of a channel.</summary>
public sealed record PollResult
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The instant the poll asked from (the stored cursor minus the overlap).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Orders or returns the channel listed.</summary>
    public required int Seen { get; init; }

    /// <summary>Those new to the inbox.</summary>
    public required int Enqueued { get; init; }

    /// <summary>The cursor stored for the next poll.</summary>
    public required DateTimeOffset Cursor { get; init; }

    /// <summary>Orders the channel listed but could not read, dead-lettered by this poll (see <see cref="IOrderListingChannel"/>).</summary>
    /// <value>0 unless the channel implements <see cref="IOrderListingChannel"/> and listed an unreadable order not dead-lettered before.</value>
    public int DeadLettered { get; init; }
}

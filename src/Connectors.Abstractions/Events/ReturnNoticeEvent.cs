namespace Connectors;

/// <summary>
/// A channel told that a buyer asked to return items, naming the return but not its lines (Shopify's
/// <c>returns/request</c> webhook). The engine reads the return by its id from the channel
/// (<see cref="IReturnLookupChannel"/>) and goes on as with a <see cref="ReturnRequestedEvent"/>; a poll that finds the
/// same return later adds nothing.
/// </summary>
public sealed record ReturnNoticeEvent : ChannelEvent
{
    /// <summary>The channel's id of the return.</summary>
    public required string ReturnId { get; init; }

    /// <summary>The channel's id of the order the return belongs to, where the notice names it (for logs only).</summary>
    public string? ChannelOrderId { get; init; }
}

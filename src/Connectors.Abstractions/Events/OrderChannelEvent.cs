namespace Connectors;

/// <summary>An order was created, changed, paid or cancelled on a channel.</summary>
public sealed record OrderChannelEvent : ChannelEvent
{
    /// <summary>What happened.</summary>
    public required OrderEventKind Kind { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The order as the payload shows it, when the payload carries the whole order; otherwise the engine fetches it.</summary>
    public ChannelOrder? Order { get; init; }
}

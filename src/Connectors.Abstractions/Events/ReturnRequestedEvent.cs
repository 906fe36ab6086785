namespace Connectors;

/// <summary>A buyer asked to return items.</summary>
public sealed record ReturnRequestedEvent : ChannelEvent
{
    /// <summary>The return request.</summary>
    public required ReturnRequest Request { get; init; }
}

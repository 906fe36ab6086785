namespace Connectors;

/// <summary>
/// An order a channel listed but could not read: its id where the payload shows one, the raw payload, and the JSON path
/// and reason of the failure. The engine dead-letters it (kind <c>unreadable-order</c>, error type
/// <see cref="UnreadableOrderException"/>) with the payload, so nothing is dropped and the poll goes on.
/// </summary>
public sealed class UnreadableOrder
{
    /// <summary>The channel's order id, or <see langword="null"/> when even the id cannot be read.</summary>
    public string? OrderId { get; init; }

    /// <summary>The order's payload as the platform sent it (for example one element of a JSON page).</summary>
    public required string Payload { get; init; }

    /// <summary>The JSON path of the failure within <see cref="Payload"/> (for example <c>$.line_items[0].quantity</c>).</summary>
    public required string JsonPath { get; init; }

    /// <summary>What is wrong, naming the value where there is one.</summary>
    public required string Reason { get; init; }

    /// <summary>When the order last changed, if that much could be read; moves the poll cursor like a readable order.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

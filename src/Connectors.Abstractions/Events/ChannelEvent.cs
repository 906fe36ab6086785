namespace Connectors;

/// <summary>
/// Something a channel told us (by webhook or found by polling). <see cref="DeliveryId"/> is the platform's
/// delivery id where it has one, used with the event's own key to de-duplicate.
/// </summary>
public abstract record ChannelEvent
{
    /// <summary>The channel instance name.</summary>
    public required string Channel { get; init; }

    /// <summary>The platform's delivery id, or a stable hash of the payload where it has none.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>When the platform says the event happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

namespace Connectors;

/// <summary>
/// Something a channel told us (by webhook or found by polling). <see cref="DeliveryId"/> is the platform's
/// delivery id where it has one, used with the event's own key to de-duplicate.
/// </summary>
/// <param name="Channel">The channel instance name.</param>
/// <param name="DeliveryId">The platform's delivery id, or a stable hash of the payload where it has none.</param>
/// <param name="OccurredAt">When the platform says the event happened.</param>
public abstract record ChannelEvent(string Channel, string DeliveryId, DateTimeOffset OccurredAt);

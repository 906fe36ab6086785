namespace Connectors;

/// <summary>A buyer asked to return items.</summary>
/// <param name="Channel">The channel instance name.</param>
/// <param name="DeliveryId">The platform's delivery id.</param>
/// <param name="OccurredAt">When the platform says the event happened.</param>
/// <param name="Request">The return request.</param>
public sealed record ReturnRequestedEvent(
    string Channel,
    string DeliveryId,
    DateTimeOffset OccurredAt,
    ReturnRequest Request) : ChannelEvent(Channel, DeliveryId, OccurredAt);

namespace Connectors;

/// <summary>An order was created, changed, paid or cancelled on a channel.</summary>
/// <param name="Channel">The channel instance name.</param>
/// <param name="DeliveryId">The platform's delivery id.</param>
/// <param name="OccurredAt">When the platform says the event happened.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OrderId">The channel's order id.</param>
/// <param name="Order">The order as the payload shows it, when the payload carries the whole order; otherwise the engine fetches it.</param>
public sealed record OrderChannelEvent(
    string Channel,
    string DeliveryId,
    DateTimeOffset OccurredAt,
    OrderEventKind Kind,
    string OrderId,
    ChannelOrder? Order) : ChannelEvent(Channel, DeliveryId, OccurredAt);

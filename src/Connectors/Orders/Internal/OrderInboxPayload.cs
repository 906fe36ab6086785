namespace Connectors.Orders.Internal;

/// <summary>An order delivery waiting in the inbox: a webhook event, a polled order or one reconciliation pulled in.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="OrderId">The channel order id.</param>
/// <param name="EventKind">What the delivery said happened.</param>
/// <param name="DeliveryId">The platform's delivery id, when it came by webhook.</param>
/// <param name="OccurredAt">When the platform says it happened.</param>
/// <param name="Order">The order as delivered, or <see langword="null"/> when the event carried only the id.</param>
/// <param name="Source">Where it came from: <c>webhook</c>, <c>poll</c> or <c>reconciliation</c>.</param>
internal sealed record OrderInboxPayload(
    string Channel,
    string OrderId,
    OrderEventKind EventKind,
    string? DeliveryId,
    DateTimeOffset OccurredAt,
    ChannelOrder? Order,
    string Source);

namespace Connectors;

/// <summary>
/// A channel reports that an item's stock changed on its side (a merchant edited it by hand, for example);
/// reconciliation uses it to find drift.
/// </summary>
/// <param name="Channel">The channel instance name.</param>
/// <param name="DeliveryId">The platform's delivery id.</param>
/// <param name="OccurredAt">When the platform says the event happened.</param>
/// <param name="ChannelItemId">The channel item id.</param>
/// <param name="LocationId">The channel location id.</param>
/// <param name="Available">The quantity now shown, where the payload carries it.</param>
public sealed record InventoryChangedEvent(
    string Channel,
    string DeliveryId,
    DateTimeOffset OccurredAt,
    string ChannelItemId,
    string LocationId,
    int? Available) : ChannelEvent(Channel, DeliveryId, OccurredAt);

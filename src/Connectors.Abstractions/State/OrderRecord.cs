namespace Connectors;

/// <summary>The engine's memory of one order: the last version handled, its status and the WMS reference.</summary>
/// <param name="Channel">The channel instance.</param>
/// <param name="OrderId">The channel's order id.</param>
/// <param name="Version">The <see cref="ChannelOrder.UpdatedAt"/> last handled; older deliveries are ignored.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="WarehouseReference">The WMS reference, once accepted.</param>
/// <param name="Payload">The last warehouse order sent (serialized), to diff changes against.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record OrderRecord(
    string Channel,
    string OrderId,
    DateTimeOffset Version,
    OrderRecordStatus Status,
    string? WarehouseReference,
    string? Payload,
    DateTimeOffset UpdatedAt);

using Connectors.Internal;

namespace Connectors;

/// <summary>
/// A shipment the warehouse confirmed: full, partial, or one of several parcels of a split order.
/// <see cref="ShipmentId"/> is the key that makes it reach the channel exactly once.
/// </summary>
public sealed record WarehouseShipment
{
    /// <summary>Creates a shipment and checks it.</summary>
    /// <param name="shipmentId">The WMS shipment id; unique.</param>
    /// <param name="channel">The channel instance of the order.</param>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="lines">What the shipment holds; at least one line.</param>
    /// <param name="shippedAt">When it left the warehouse.</param>
    /// <param name="carrier">The carrier (for example <c>UPS</c>).</param>
    /// <param name="service">The carrier service.</param>
    /// <param name="tracking">Tracking per parcel.</param>
    /// <exception cref="ConnectorValidationException">A field is missing or there are no lines.</exception>
    public WarehouseShipment(
        string shipmentId,
        string channel,
        string channelOrderId,
        IReadOnlyList<WarehouseShipmentLine> lines,
        DateTimeOffset shippedAt,
        string? carrier = null,
        string? service = null,
        IReadOnlyList<TrackingInfo>? tracking = null)
    {
        ShipmentId = Guard.NotEmpty(shipmentId, nameof(ShipmentId));
        Channel = Guard.NotEmpty(channel, nameof(Channel));
        ChannelOrderId = Guard.NotEmpty(channelOrderId, nameof(ChannelOrderId));
        Lines = Guard.NotNull(lines, nameof(Lines));
        if (Lines.Count == 0)
        {
            throw new ConnectorValidationException(nameof(Lines), "must hold at least one line.");
        }

        ShippedAt = shippedAt;
        Carrier = carrier;
        Service = service;
        Tracking = Guard.List(tracking);
    }

    /// <summary>The WMS shipment id.</summary>
    public string ShipmentId { get; }

    /// <summary>The channel instance of the order.</summary>
    public string Channel { get; }

    /// <summary>The channel's order id.</summary>
    public string ChannelOrderId { get; }

    /// <summary>What the shipment holds.</summary>
    public IReadOnlyList<WarehouseShipmentLine> Lines { get; }

    /// <summary>When it left the warehouse.</summary>
    public DateTimeOffset ShippedAt { get; }

    /// <summary>The carrier.</summary>
    public string? Carrier { get; }

    /// <summary>The carrier service.</summary>
    public string? Service { get; }

    /// <summary>Tracking per parcel.</summary>
    public IReadOnlyList<TrackingInfo> Tracking { get; }

    /// <summary>
    /// The WMS location the shipment left from (as in <see cref="StockLevel.LocationId"/>), or null when the WMS does
    /// not say. The engine maps it to the channel's locations with the channel's inventory location mapping, so a
    /// channel that keeps stock per location (Shopify) records the shipment at the location it came from.
    /// </summary>
    /// <value>Default null.</value>
    public string? WarehouseLocation { get; init; }
}

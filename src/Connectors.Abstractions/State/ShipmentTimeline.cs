namespace Connectors;

/// <summary>One shipment the channel confirmed, for seller-performance figures: when it left the warehouse, when the channel had it, and whether its tracking was valid.</summary>
public sealed class ShipmentTimeline
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>The channel's order id.</summary>
    public required string OrderId { get; init; }

    /// <summary>The WMS shipment id.</summary>
    public required string ShipmentId { get; init; }

    /// <summary>When the shipment left the warehouse (<see cref="WarehouseShipment.ShippedAt"/>).</summary>
    public required DateTimeOffset ShippedAt { get; init; }

    /// <summary>When the channel confirmed the shipment.</summary>
    public required DateTimeOffset ConfirmedAt { get; init; }

    /// <summary>The carrier, as the shipment named it.</summary>
    public string? Carrier { get; init; }

    /// <summary>Whether the shipment had a carrier and tracking numbers that all match that carrier's published format.</summary>
    public bool ValidTracking { get; init; }
}

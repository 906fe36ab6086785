namespace Connectors.Warehouse.SapEwm;

/// <summary>An EWM outbound delivery order whose goods issue was posted, as the adapter read it.</summary>
public sealed record SapOutboundDelivery
{
    /// <summary>The outbound delivery order number (<c>EWMOutboundDeliveryOrder</c>).</summary>
    public required string DeliveryOrder { get; init; }

    /// <summary>The EWM warehouse number.</summary>
    public required string Warehouse { get; init; }

    /// <summary>The S/4HANA sales order the delivery came from.</summary>
    public string? SalesOrder { get; init; }

    /// <summary>The carrier's business partner number.</summary>
    public string? Carrier { get; init; }

    /// <summary>The carrier's name.</summary>
    public string? CarrierName { get; init; }

    /// <summary>The external consignment order (<c>TranspOrdPartnerReference</c>).</summary>
    public string? TransportPartnerReference { get; init; }

    /// <summary>The master bill of lading.</summary>
    public string? MasterBillOfLading { get; init; }

    /// <summary>When the delivery was last changed.</summary>
    public DateTimeOffset? LastChangedAt { get; init; }
}

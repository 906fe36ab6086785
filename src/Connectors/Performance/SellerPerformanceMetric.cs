namespace Connectors;

/// <summary>The seller-performance figures that have thresholds.</summary>
public enum SellerPerformanceMetric
{
    /// <summary>Late shipment rate; a maximum.</summary>
    LateShipmentRate = 0,

    /// <summary>Pre-fulfilment cancellation rate; a maximum.</summary>
    CancellationRate,

    /// <summary>Valid tracking rate; a minimum.</summary>
    ValidTrackingRate,
}

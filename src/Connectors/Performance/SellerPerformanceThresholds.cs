namespace Connectors;

/// <summary>
/// The levels at which a channel's figures raise an alert. The defaults are the marketplaces' published targets
/// (Amazon's seller performance policies: late shipment rate under 4 %, pre-fulfilment cancellation rate under 2.5 %,
/// valid tracking rate above 95 %).
/// </summary>
public sealed class SellerPerformanceThresholds
{
    /// <summary>The late shipment rate must stay under this (0 to 1); a rate at or above it is an alert.</summary>
    /// <value>0.04 by default.</value>
    public double MaxLateShipmentRate { get; set; } = 0.04;

    /// <summary>The pre-fulfilment cancellation rate must stay under this (0 to 1); a rate at or above it is an alert.</summary>
    /// <value>0.025 by default.</value>
    public double MaxCancellationRate { get; set; } = 0.025;

    /// <summary>The valid tracking rate must stay above this (0 to 1); a rate at or below it is an alert.</summary>
    /// <value>0.95 by default.</value>
    public double MinValidTrackingRate { get; set; } = 0.95;

    /// <summary>The fewest orders (or shipments) a window needs before its rate is judged, so two orders cannot raise an alert.</summary>
    /// <value>10 by default; 1 or more.</value>
    public int MinimumSample { get; set; } = 10;
}

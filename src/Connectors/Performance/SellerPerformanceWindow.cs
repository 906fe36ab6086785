namespace Connectors;

/// <summary>
/// The figures of one rolling window ending at <see cref="To"/>. A rate is <see langword="null"/> when nothing in the
/// window counts towards it. docs/seller-performance.md defines each figure.
/// </summary>
public sealed class SellerPerformanceWindow
{
    /// <summary>The window's length (7 or 30 days).</summary>
    public required TimeSpan Length { get; init; }

    /// <summary>The window's start (included).</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The window's end.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Orders whose ship-by fell in the window (from <see cref="From"/>, before <see cref="To"/>), not cancelled before shipping.</summary>
    public int OrdersDue { get; init; }

    /// <summary>Of <see cref="OrdersDue"/>, those first confirmed on the channel after their ship-by, or not confirmed at all.</summary>
    public int LateShipments { get; init; }

    /// <summary><see cref="LateShipments"/> / <see cref="OrdersDue"/>.</summary>
    public double? LateShipmentRate { get; init; }

    /// <summary>Shipments confirmed on the channel in the window.</summary>
    public int ShipmentsConfirmed { get; init; }

    /// <summary>Of <see cref="ShipmentsConfirmed"/>, those with a known carrier and tracking numbers that match its format.</summary>
    public int ValidTrackingShipments { get; init; }

    /// <summary><see cref="ValidTrackingShipments"/> / <see cref="ShipmentsConfirmed"/>.</summary>
    public double? ValidTrackingRate { get; init; }

    /// <summary>Orders placed in the window.</summary>
    public int OrdersPlaced { get; init; }

    /// <summary>Of <see cref="OrdersPlaced"/>, those cancelled before their first shipment was confirmed, or refused by the WMS and never accepted.</summary>
    public int CancelledBeforeFulfillment { get; init; }

    /// <summary><see cref="CancelledBeforeFulfillment"/> / <see cref="OrdersPlaced"/>.</summary>
    public double? CancellationRate { get; init; }

    /// <summary>The median time from placement to WMS acceptance, over orders placed in the window that the WMS accepted.</summary>
    public TimeSpan? MedianOrderToWarehouse { get; init; }

    /// <summary>The median time from leaving the warehouse to confirmation on the channel, over shipments confirmed in the window.</summary>
    public TimeSpan? MedianShipToChannel { get; init; }
}

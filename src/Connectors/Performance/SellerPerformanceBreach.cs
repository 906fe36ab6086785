namespace Connectors;

/// <summary>A figure outside its threshold.</summary>
public sealed class SellerPerformanceBreach
{
    /// <summary>The figure.</summary>
    public required SellerPerformanceMetric Metric { get; init; }

    /// <summary>The window it was measured over.</summary>
    public required TimeSpan Window { get; init; }

    /// <summary>The measured rate (0 to 1).</summary>
    public required double Value { get; init; }

    /// <summary>The threshold it crossed (a maximum, or for <see cref="SellerPerformanceMetric.ValidTrackingRate"/> a minimum).</summary>
    public required double Threshold { get; init; }
}

namespace Connectors;

/// <summary>A channel's seller-performance figures at one time.</summary>
public sealed class SellerPerformanceReport
{
    /// <summary>The channel instance.</summary>
    public required string Channel { get; init; }

    /// <summary>When the figures were computed; the end of both windows.</summary>
    public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The last 7 days.</summary>
    public required SellerPerformanceWindow Last7Days { get; init; }

    /// <summary>The last 30 days.</summary>
    public required SellerPerformanceWindow Last30Days { get; init; }

    /// <summary>Open orders within the at-risk lead of their ship-by, late ones included.</summary>
    public int OrdersAtRisk { get; init; }

    /// <summary>Open orders already past their ship-by.</summary>
    public int OrdersOverdue { get; init; }

    /// <summary>The figures outside their thresholds (with enough of a sample to judge).</summary>
    public IReadOnlyList<SellerPerformanceBreach> Breaches { get; init; } = [];
}

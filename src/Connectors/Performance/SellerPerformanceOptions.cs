namespace Connectors;

/// <summary>Seller-performance settings. Validated when the host starts.</summary>
public sealed class SellerPerformanceOptions
{
    /// <summary>How long before its ship-by an order that is not confirmed shipped counts as at risk.</summary>
    /// <value>12 hours by default; from 0 to 30 days.</value>
    public TimeSpan AtRiskLead { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long timelines are kept; <see cref="ISellerPerformance.EvaluateAsync"/> prunes older ones.</summary>
    /// <value>90 days by default; at least 31 days (the longest window plus a day).</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The thresholds of every channel without its own entry in <see cref="Channels"/>.</summary>
    public SellerPerformanceThresholds Thresholds { get; set; } = new();

    /// <summary>Thresholds per channel instance name, replacing <see cref="Thresholds"/> for that channel.</summary>
    public IDictionary<string, SellerPerformanceThresholds> Channels { get; } = new Dictionary<string, SellerPerformanceThresholds>(StringComparer.Ordinal);
}

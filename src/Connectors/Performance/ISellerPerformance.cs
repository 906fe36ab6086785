namespace Connectors;

/// <summary>
/// Seller performance per channel, from the engine's own order and shipment timelines: the figures marketplaces
/// measure a seller by (late shipment rate, valid tracking rate, pre-fulfilment cancellation rate) over rolling 7- and
/// 30-day windows, latencies, and the open orders at risk of shipping late. Times come from the engine's
/// <see cref="TimeProvider"/>.
/// </summary>
public interface ISellerPerformance
{
    /// <summary>Computes a channel's figures now. Reads only; raises no alerts.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    Task<SellerPerformanceReport> GetReportAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Lists a channel's open orders within <see cref="SellerPerformanceOptions.AtRiskLead"/> of their ship-by, or past it, soonest first.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The orders at risk.</returns>
    IAsyncEnumerable<OrderAtRisk> ListAtRiskAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes a channel's figures, records them as metrics, and raises a log event and a metric once when a figure
    /// crosses its threshold (and once when it is back within), and once per order that becomes at risk or late. A
    /// host calls it on a schedule (every few minutes is plenty).
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report, with the thresholds crossed now.</returns>
    Task<SellerPerformanceReport> EvaluateAsync(string channel, CancellationToken cancellationToken = default);
}

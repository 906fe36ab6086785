namespace Connectors;

/// <summary>
/// Compares a channel with the engine's and the WMS's truth (inventory levels, orders in a window, confirmed
/// shipments), classifies every difference and repairs under the configured policy, or only reports in a dry run.
/// Differences are counted by the <c>connectors.reconciliation.drift</c> metric.
/// </summary>
public interface IReconciler
{
    /// <summary>Runs one reconciliation of a channel.</summary>
    /// <param name="request">What to check and whether to repair.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    Task<ReconciliationReport> ReconcileAsync(ReconciliationRequest request, CancellationToken cancellationToken = default);
}

using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>Runs reconciliation and retention on their schedules.</summary>
internal sealed class MaintenanceWorker(
    IReconciler reconciler,
    ISyncStateStore store,
    IChannelRegistry channels,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options,
    IOptions<ConnectorsOptions> engineOptions,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<MaintenanceWorker> logger) : ConnectorWorker(time, metrics, logger)
{
    private DateTimeOffset _nextReconciliation = DateTimeOffset.MinValue;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    /// <summary>The worker name scheduled reconciliation is recorded under in the health data.</summary>
    internal const string ReconciliationName = "reconciliation";

    protected override string Name => "maintenance";

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        if (settings.ReconciliationInterval is { } interval)
        {
            if (_nextReconciliation == DateTimeOffset.MinValue)
            {
                // The first run waits one interval: the start-up full sync has just aligned inventory.
                _nextReconciliation = now + interval;
            }
            else if (now >= _nextReconciliation)
            {
                _nextReconciliation = now + interval;
                var differences = 0;
                foreach (var name in channels.Names)
                {
                    // One channel's failure must not cost the others their reconciliation.
                    try
                    {
                        var report = await reconciler.ReconcileAsync(new ReconciliationRequest(name) { DryRun = !settings.RepairDrift }, cancellationToken).ConfigureAwait(false);
                        differences += report.Differences.Count;
                        activity.RecordSuccess(name, ReconciliationName, Time.GetUtcNow());
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
#pragma warning disable CA1031 // Any failure is reported against the channel; the next channel is reconciled anyway.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        var reason = $"{e.GetType().Name}: {e.Message}";
                        activity.RecordFailure(name, ReconciliationName, Time.GetUtcNow(), reason);
                        Log.ChannelFailed(Logger, name, ReconciliationName, reason, e);
                    }
                }

                Log.Reconciled(logger, differences);
            }
        }

        if (now >= _nextPrune)
        {
            _nextPrune = now + settings.PruneInterval;
            await store.PruneAsync(now - engineOptions.Value.Retention, cancellationToken).ConfigureAwait(false);
        }

        var next = settings.ReconciliationInterval is null ? _nextPrune : (_nextReconciliation < _nextPrune ? _nextReconciliation : _nextPrune);
        var wait = next - Time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(10);
    }
}

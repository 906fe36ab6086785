using Connectors.Hosting.Internal;
using Connectors.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Runs a full inventory sync at start (if configured), then pushes pending rows of every inventory channel; when idle,
/// waits for the idle delay or until the engine stores new desired quantities in this process, then gathers changes for
/// <see cref="ConnectorsHostingOptions.InventoryPushDelay"/> before it pushes.
/// </summary>
internal sealed class InventoryWorker(
    IInventorySync inventory,
    IChannelRegistry channels,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<InventoryWorker> logger,
    WorkSignals signals) : ConnectorWorker(time, metrics, logger)
{
    private bool _started;

    protected override string Name => "inventory";

    protected override WorkSignal WakeUp => signals.Inventory;

    protected override TimeSpan WakeUpGathering => options.Value.InventoryPushDelay;

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            if (options.Value.FullSyncOnStart)
            {
                var report = await inventory.FullSyncAsync(cancellationToken).ConfigureAwait(false);
                var changes = 0;
                foreach (var plan in report.Channels)
                {
                    changes += plan.Changes.Count;
                }

                Log.FullSyncDone(logger, changes, report.Channels.Count);
            }
        }

        var busy = false;
        foreach (var name in channels.Names)
        {
            if (!channels.TryGetPort<IInventoryChannel>(name, out _))
            {
                continue;
            }

            try
            {
                var result = await inventory.DispatchAsync(name, cancellationToken).ConfigureAwait(false);
                busy |= result.Batches > 0;
                activity.RecordSuccess(name, Time.GetUtcNow());
            }
            catch (ConnectorException e)
            {
                activity.RecordFailure(name, Time.GetUtcNow(), e.Message);
                Log.ChannelFailed(logger, name, Name, e.Message);
            }
        }

        return busy ? TimeSpan.Zero : options.Value.IdleDelay;
    }
}

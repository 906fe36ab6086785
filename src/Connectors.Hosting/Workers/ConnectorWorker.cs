using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Workers;

/// <summary>
/// A worker with one loop (inbox, outbox, maintenance): passes until the host stops (shutdown as in
/// <see cref="WorkerBase"/>). A worker with a <see cref="WakeUp"/> signal ends its wait early when the engine queues
/// work for it in this process.
/// </summary>
internal abstract class ConnectorWorker(TimeProvider time, HostingMetrics metrics, ILogger logger) : WorkerBase(time, metrics, logger)
{
    /// <summary>Signals that work arrived for this worker, or <see langword="null"/> when it only polls.</summary>
    protected virtual WorkSignal? WakeUp => null;

    /// <summary>How long to let more work gather after <see cref="WakeUp"/> fired, before the next pass.</summary>
    protected virtual TimeSpan WakeUpGathering => TimeSpan.Zero;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await LoopAsync(
            token =>
            {
                // Work queued from here on is seen by this pass or wakes the wait after it.
                WakeUp?.Reset();
                return RunPassAsync(token);
            },
            (delay, stopping) => WaitAsync(WakeUp, delay, WakeUpGathering, stopping),
            stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Runs one pass and says how long to wait before the next (zero: go on at once).</summary>
    /// <param name="cancellationToken">Cancelled when the host's shutdown timeout runs out; the pass stops then.</param>
    /// <returns>The delay before the next pass.</returns>
    protected abstract Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken);
}

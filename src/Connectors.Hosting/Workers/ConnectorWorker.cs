using Connectors.Hosting.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Workers;

/// <summary>
/// A loop that runs passes until the host stops. A pass gets no stopping token: on shutdown the pass in hand
/// finishes (passes are bounded batches) and only the wait between passes is cut short, so nothing is left
/// half-done; items a crashed host held come back when their leases run out.
/// </summary>
internal abstract class ConnectorWorker(TimeProvider time, HostingMetrics metrics, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected abstract string Name { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await RunPassAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A worker must outlive any failure of one pass; the failure is logged and counted.
            catch (Exception e)
#pragma warning restore CA1031
            {
                delay = FailureDelay;
                metrics.WorkerFailures.Add(1, new KeyValuePair<string, object?>("connector.worker", Name));
                Log.PassFailed(logger, Name, delay, e);
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, Time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The wait after a failed pass.</summary>
    protected virtual TimeSpan FailureDelay => TimeSpan.FromSeconds(5);

    /// <summary>Runs one pass and says how long to wait before the next (zero: go on at once).</summary>
    /// <param name="cancellationToken">Not cancelled by shutdown; the pass runs to its end.</param>
    /// <returns>The delay before the next pass.</returns>
    protected abstract Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken);
}

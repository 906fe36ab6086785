using Connectors.Hosting.Internal;
using Connectors.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Workers;

/// <summary>
/// A loop that runs passes until the host stops. A pass gets no stopping token: on shutdown the pass in hand
/// finishes (passes are bounded batches) and only the wait between passes is cut short, so nothing is left
/// half-done; items a crashed host held come back when their leases run out. A worker with a <see cref="WakeUp"/>
/// signal ends its wait early when the engine queues work for it in this process.
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
                // Work queued from here on is seen by this pass or wakes the wait after it.
                WakeUp?.Reset();
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
                    await WaitAsync(delay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Signals that work arrived for this worker, or <see langword="null"/> when it only polls.</summary>
    protected virtual WorkSignal? WakeUp => null;

    /// <summary>How long to let more work gather after <see cref="WakeUp"/> fired, before the next pass.</summary>
    protected virtual TimeSpan WakeUpGathering => TimeSpan.Zero;

    /// <summary>The wait after a failed pass.</summary>
    protected virtual TimeSpan FailureDelay => TimeSpan.FromSeconds(5);

    /// <summary>Waits <paramref name="delay"/>, or less when <see cref="WakeUp"/> fires first.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        if (WakeUp is not { } wakeUp)
        {
            await Task.Delay(delay, Time, stoppingToken).ConfigureAwait(false);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleep = Task.Delay(delay, Time, waiting.Token);
        if (await Task.WhenAny(sleep, wakeUp.WaitAsync()).ConfigureAwait(false) == sleep)
        {
            await sleep.ConfigureAwait(false); // throws when the host is stopping
            return;
        }

        // Woken: stop the timer, and let the next pass see the work (and what arrives while it gathers).
        await waiting.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        if (WakeUpGathering > TimeSpan.Zero)
        {
            await Task.Delay(WakeUpGathering, Time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one pass and says how long to wait before the next (zero: go on at once).</summary>
    /// <param name="cancellationToken">Not cancelled by shutdown; the pass runs to its end.</param>
    /// <returns>The delay before the next pass.</returns>
    protected abstract Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken);
}

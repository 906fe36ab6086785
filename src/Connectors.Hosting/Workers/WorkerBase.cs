using Connectors.Hosting.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Workers;

/// <summary>
/// The loop mechanics every worker shares: passes separated by waits, until the host stops.
/// <para>
/// Shutdown: when the host stops, no new pass starts and the wait between passes is cut short; the pass in hand (a
/// bounded batch) may finish until the host's shutdown timeout runs out, when its token (<see cref="PassToken"/>) is
/// cancelled, so the worker has stopped when the host does and never runs under a disposed service provider. An item
/// cancelled that way keeps its lease and is processed again when the lease ends, like a crashed host's items. A failure
/// seen while the host is stopping (a pass cancelled, a client disposed under it after a failed start) ends the loop
/// quietly.
/// </para>
/// </summary>
internal abstract class WorkerBase : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationToken _passToken;
    private readonly HostingMetrics _metrics;

    protected WorkerBase(TimeProvider time, HostingMetrics metrics, ILogger logger)
    {
        Time = time;
        _metrics = metrics;
        Logger = logger;
        _passToken = _abort.Token;
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>The worker's name in logs, metrics and health data.</summary>
    protected abstract string Name { get; }

    /// <summary>The wait after a pass that failed as a whole.</summary>
    protected virtual TimeSpan FailureDelay => TimeSpan.FromSeconds(5);

    /// <summary>The token a pass runs with: cancelled when the host's shutdown timeout runs out, or on disposal.</summary>
    protected CancellationToken PassToken => _passToken;

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Returns when the loop has ended or when cancellationToken fires (the host's ShutdownTimeout ran out); in the
        // second case cut the pass in hand, so the worker ends with the host. (Not a registration on the token: the
        // base's wait is completed by that same cancellation and could dispose a registration before it ran.)
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (ExecuteTask is { IsCompleted: false })
        {
            Abort();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        Abort();
        base.Dispose();
        _abort.Dispose(); // tokens already handed out stay cancelled
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs passes separated by waits until <paramref name="stoppingToken"/> is cancelled.</summary>
    /// <param name="pass">One pass; returns how long to wait before the next (zero: go on at once).</param>
    /// <param name="wait">Waits the given delay (or less, when woken); throws when the host is stopping.</param>
    /// <param name="stoppingToken">The host's stopping token.</param>
    protected async Task LoopAsync(Func<CancellationToken, Task<TimeSpan>> pass, Func<TimeSpan, CancellationToken, Task> wait, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(wait);
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                delay = await pass(PassToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A worker must outlive any failure of one pass; the failure is logged and counted.
            catch (Exception e) when (stoppingToken.IsCancellationRequested)
            {
                Log.WorkerStopped(Logger, Name, e);
                return;
            }
            catch (Exception e)
#pragma warning restore CA1031
            {
                delay = FailureDelay;
                _metrics.WorkerFailures.Add(1, new KeyValuePair<string, object?>("connector.worker", Name));
                Log.PassFailed(Logger, Name, delay, e);
            }

            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await wait(delay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits <paramref name="delay"/>, or less when <paramref name="wakeUp"/> fires first, then lets work gather.</summary>
    protected async Task WaitAsync(WorkSignal? wakeUp, TimeSpan delay, TimeSpan gathering, CancellationToken stoppingToken)
    {
        if (wakeUp is null)
        {
            await Task.Delay(delay, Time, stoppingToken).ConfigureAwait(false);
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleep = Task.Delay(delay, Time, waiting.Token);
        if (await Task.WhenAny(sleep, wakeUp.WaitAsync(waiting.Token)).ConfigureAwait(false) == sleep)
        {
            await waiting.CancelAsync().ConfigureAwait(false); // ends the wait on the signal, so nothing stays attached to it
            await sleep.ConfigureAwait(false); // throws when the host is stopping
            return;
        }

        // Woken: stop the timer, and let the next pass see the work (and what arrives while it gathers).
        await waiting.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        if (gathering > TimeSpan.Zero)
        {
            await Task.Delay(gathering, Time, stoppingToken).ConfigureAwait(false);
        }
    }

    private void Abort()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to cut.
        }
    }
}

using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// A worker with one loop per channel (order polling, inventory dispatch): a channel that fails, throttles or hangs holds
/// only its own loop, never the others'. At most <see cref="ConnectorsHostingOptions.MaxChannelsInParallel"/> channel
/// passes of this worker run at once, and a channel pass that has not ended after
/// <see cref="ConnectorsHostingOptions.ChannelPassTimeout"/> is cancelled. Every outcome is recorded for the health check:
/// any exception a channel pass throws (typed or not) is logged with its stack trace, counted, and reported against
/// that channel; the loop goes on. Unlike inbox and outbox passes, a channel pass is cancelled as soon as the host
/// stops: a poll or a push is repeated whole on the next run, nothing is lost by cutting it.
/// </summary>
internal abstract class ChannelWorker : WorkerBase
{
    private readonly IOptions<ConnectorsHostingOptions> _options;
    private readonly ChannelActivity _activity;
    private readonly HostingMetrics _metrics;
    private SemaphoreSlim? _slots;

    protected ChannelWorker(IOptions<ConnectorsHostingOptions> options, ChannelActivity activity, TimeProvider time, HostingMetrics metrics, ILogger logger)
        : base(time, metrics, logger)
    {
        _options = options;
        _activity = activity;
        _metrics = metrics;
    }

    protected ConnectorsHostingOptions Options => _options.Value;

    protected ChannelActivity Activity => _activity;

    /// <summary>The channels this worker serves, each in its own loop.</summary>
    protected abstract IReadOnlyList<string> SelectChannels();

    /// <summary>Runs once before the channel loops start; returns work to run beside them (or a completed task).</summary>
    protected virtual Task<Task> BeforeChannelLoopsAsync(CancellationToken stoppingToken) => Task.FromResult(Task.CompletedTask);

    /// <summary>One pass for one channel; throws when the channel failed.</summary>
    protected abstract Task<ChannelPassResult> RunChannelPassAsync(string channel, CancellationToken cancellationToken);

    /// <summary>Waits <paramref name="delay"/> (or less) before the channel's next pass; throws when the host is stopping.</summary>
    protected abstract Task WaitChannelAsync(string channel, TimeSpan delay, CancellationToken stoppingToken);

    /// <summary>The wait after a channel pass that threw.</summary>
    protected abstract TimeSpan ChannelFailureDelay { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var names = SelectChannels();
        var beside = await BeforeChannelLoopsAsync(stoppingToken).ConfigureAwait(false);
        _slots = new SemaphoreSlim(Options.MaxChannelsInParallel);
        var loops = new List<Task>(names.Count + 1) { beside };
        foreach (var name in names)
        {
            loops.Add(LoopAsync(token => RunGuardedPassAsync(name, token, stoppingToken), (delay, stopping) => WaitChannelAsync(name, delay, stopping), stoppingToken));
        }

        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task<TimeSpan> RunGuardedPassAsync(string channel, CancellationToken passToken, CancellationToken stoppingToken)
    {
        var slots = _slots!;
        await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
        try
        {
            var limit = Options.ChannelPassTimeout;
            using var timeout = new CancellationTokenSource(limit, Time);
            // A poll or a push can simply be repeated, so a stopping host cancels it at once rather than at its shutdown deadline.
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(passToken, stoppingToken, timeout.Token);
            try
            {
                var result = await RunChannelPassAsync(channel, linked.Token).ConfigureAwait(false);
                if (result.Failure is { } reason)
                {
                    Record(channel, reason, exception: null);
                }
                else if (result.Answered)
                {
                    _activity.RecordSuccess(channel, Name, Time.GetUtcNow());
                }

                return result.Delay;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                throw; // the host is stopping: the loop ends quietly
            }
            catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
            {
                Record(channel, $"the pass did not end within ChannelPassTimeout ({limit}) and was cancelled", e);
                return ChannelFailureDelay;
            }
#pragma warning disable CA1031 // One channel's failure, whatever its type, must not stop this channel's loop or any other's.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Record(channel, $"{e.GetType().Name}: {e.Message}", e);
                return ChannelFailureDelay;
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Passes an engine signal (one per process) on to every channel loop's own wake-up until the host stops. The signal
    /// is reset before the loops are notified: a change stored after the reset wakes this loop again; one stored before
    /// it is seen by the passes the notifications start.
    /// </summary>
    protected static async Task FanOutAsync(WorkSignal engine, IEnumerable<WorkSignal> wakeUps, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            engine.Reset();
            foreach (var wakeUp in wakeUps)
            {
                wakeUp.Notify();
            }
        }
    }

    private void Record(string channel, string reason, Exception? exception)
    {
        _activity.RecordFailure(channel, Name, Time.GetUtcNow(), reason);
        _metrics.WorkerFailures.Add(
            1, new KeyValuePair<string, object?>("connector.worker", Name), new KeyValuePair<string, object?>(ConnectorsTelemetry.ChannelTag, channel));
        Log.ChannelFailed(Logger, channel, Name, reason, exception);
    }
}

/// <summary>What one channel pass did.</summary>
/// <param name="Delay">The wait before the channel's next pass.</param>
/// <param name="Answered">Whether the channel answered (a success to record); an empty pass says nothing about it.</param>
/// <param name="Failure">Why the pass failed although it did not throw (every push failed), or <see langword="null"/>.</param>
internal readonly record struct ChannelPassResult(TimeSpan Delay, bool Answered, string? Failure = null);

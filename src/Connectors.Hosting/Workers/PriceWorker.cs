using System.Globalization;
using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Pushes pending prices with one loop per price channel (every channel implementing <see cref="IPriceChannel"/>; see
/// <see cref="ChannelWorker"/> for the isolation, the parallelism bound and the pass timeout), and beside them keeps the
/// price schedule: it reprices every channel when the host starts (rules or rates may have changed, or a sale boundary
/// passed while it was down), then again at <see cref="WorkSignals.NextPriceChangeAt"/> (a sale starting or ending, on
/// the host's <see cref="TimeProvider"/>) and, when set, every <see cref="ConnectorsHostingOptions.PriceRepriceInterval"/>.
/// An idle channel loop waits for the idle delay or until the engine stores new desired prices in this process.
/// </summary>
internal sealed class PriceWorker(
    IPriceSync prices,
    IChannelRegistry channels,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<PriceWorker> logger,
    WorkSignals signals) : ChannelWorker(options, activity, time, metrics, logger)
{
    /// <summary>The worker name the schedule's reprices are recorded under in the health data.</summary>
    internal const string RepriceName = "reprice";

    private readonly Dictionary<string, WorkSignal> _wakeUps = new(StringComparer.OrdinalIgnoreCase);
    private readonly HostingMetrics _metrics = metrics;

    protected override string Name => "prices";

    protected override TimeSpan ChannelFailureDelay => FailureDelay;

    protected override IReadOnlyList<string> SelectChannels()
    {
        var names = new List<string>();
        if (!Options.PushPrices)
        {
            return names;
        }

        foreach (var name in channels.Names)
        {
            if (channels.TryGetPort<IPriceChannel>(name, out _))
            {
                names.Add(name);
                _wakeUps[name] = new WorkSignal();
            }
        }

        return names;
    }

    protected override Task<Task> BeforeChannelLoopsAsync(CancellationToken stoppingToken) =>
        Task.FromResult(_wakeUps.Count == 0 ? Task.CompletedTask : Task.WhenAll(FanOutAsync(signals.Prices, _wakeUps.Values, stoppingToken), ScheduleAsync(stoppingToken)));

    protected override async Task<ChannelPassResult> RunChannelPassAsync(string channel, CancellationToken cancellationToken)
    {
        // Changes stored from here on are seen by this pass or wake the wait after it.
        _wakeUps[channel].Reset();
        var result = await prices.DispatchAsync(channel, cancellationToken).ConfigureAwait(false);
        var delay = result.Batches > 0 ? TimeSpan.Zero : Options.IdleDelay;
        if (result.Batches > 0 && result.Applied == 0 && result.Rejected == 0)
        {
            // As for inventory: the engine absorbs a failed push, so a pass in which nothing was accepted is the channel's failure.
            return new ChannelPassResult(delay, Answered: false, string.Create(
                CultureInfo.InvariantCulture,
                $"no price push was applied: {result.Batches} batches failed, {result.Rescheduled} rows rescheduled, {result.DeadLettered} dead-lettered"));
        }

        return new ChannelPassResult(delay, Answered: result.Batches > 0);
    }

    protected override Task WaitChannelAsync(string channel, TimeSpan delay, CancellationToken stoppingToken) =>
        WaitAsync(_wakeUps[channel], delay, TimeSpan.Zero, stoppingToken);

    /// <summary>Reprices at start, at each schedule boundary and at the optional interval, until the host stops.</summary>
    private async Task ScheduleAsync(CancellationToken stoppingToken)
    {
        var schedule = signals.PriceSchedule;
        DateTimeOffset? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Reset before reading the schedule: a boundary offered after this point wakes the wait below.
            schedule.Reset();
            var now = Time.GetUtcNow();
            var due = Due(last, now);
            if (due is { } at && at <= now)
            {
                var wait = await RepriceAsync(stoppingToken).ConfigureAwait(false);
                if (wait is null)
                {
                    last = now;
                    continue;
                }

                if (!await SleepAsync(wait.Value, null, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (!await SleepAsync(due is { } until ? until - now : Timeout.InfiniteTimeSpan, schedule, stoppingToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>When the next reprice is due: at once the first time, then the earlier of the schedule and the interval.</summary>
    private DateTimeOffset? Due(DateTimeOffset? last, DateTimeOffset now)
    {
        if (last is not { } ran)
        {
            return now;
        }

        // A boundary at or before the last reprice was computed by it already (or is stale): not due again.
        var boundary = signals.NextPriceChangeAt is { } next && next > ran ? next : (DateTimeOffset?)null;
        var periodic = Options.PriceRepriceInterval is { } interval ? ran + interval : (DateTimeOffset?)null;
        return (boundary, periodic) switch
        {
            ({ } b, { } p) => b < p ? b : p,
            ({ } b, null) => b,
            (null, { } p) => p,
            _ => null,
        };
    }

    /// <summary>One reprice; returns <see langword="null"/> on success, or the wait before trying again.</summary>
    private async Task<TimeSpan?> RepriceAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Repeatable as a whole, like a channel pass: cancelled as soon as the host stops.
            using var timeout = new CancellationTokenSource(Options.ChannelPassTimeout, Time);
            using var token = CancellationTokenSource.CreateLinkedTokenSource(PassToken, stoppingToken, timeout.Token);
            var report = await prices.RepriceAsync(token.Token).ConfigureAwait(false);
            var (changes, held) = (0, 0);
            foreach (var channel in report.Channels)
            {
                changes += channel.Changes.Count;
                held += channel.Changes.Count(c => c.HoldReason is not null);
            }

            Activity.RecordSuccess(ChannelActivity.Warehouse, RepriceName, Time.GetUtcNow());
            Log.Repriced(Logger, changes, held, report.NextChangeAt);
            return null;
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested)
        {
            Log.WorkerStopped(Logger, Name, e);
            return TimeSpan.Zero;
        }
#pragma warning disable CA1031 // A failed reprice (the store down) is retried; the dispatch loops go on meanwhile.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Activity.RecordFailure(ChannelActivity.Warehouse, RepriceName, Time.GetUtcNow(), $"reprice failed: {e.GetType().Name}: {e.Message}");
            _metrics.WorkerFailures.Add(1, new KeyValuePair<string, object?>("connector.worker", RepriceName));
            Log.PassFailed(Logger, RepriceName, FailureDelay, e);
            return FailureDelay;
        }
    }

    /// <summary>Sleeps <paramref name="delay"/> or until <paramref name="wakeUp"/>; <see langword="false"/> when the host is stopping.</summary>
    private async Task<bool> SleepAsync(TimeSpan delay, WorkSignal? wakeUp, CancellationToken stoppingToken)
    {
        try
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var sleep = Task.Delay(delay, Time, waiting.Token);
            var woken = wakeUp is null ? sleep : await Task.WhenAny(sleep, wakeUp.WaitAsync(waiting.Token)).ConfigureAwait(false);
            await waiting.CancelAsync().ConfigureAwait(false);
            if (woken == sleep)
            {
                await sleep.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // The other wait, cancelled because this one ended first.
        }

        return !stoppingToken.IsCancellationRequested;
    }
}

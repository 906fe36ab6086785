using System.Globalization;
using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Runs a full inventory sync at start (if configured; retried with backoff until it succeeds), then pushes pending
/// rows with one loop per inventory channel (see <see cref="ChannelWorker"/>). An idle channel loop waits for the idle
/// delay or until the engine stores new desired quantities in this process, then gathers changes for
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
    WorkSignals signals) : ChannelWorker(options, activity, time, metrics, logger)
{
    /// <summary>The worker name the start-up full sync is recorded under in the health data.</summary>
    internal const string FullSyncName = "full-sync";

    /// <summary>The longest wait between two start-up full sync attempts.</summary>
    internal static readonly TimeSpan MaxFullSyncDelay = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, WorkSignal> _wakeUps = new(StringComparer.OrdinalIgnoreCase);

    protected override string Name => "inventory";

    protected override TimeSpan ChannelFailureDelay => FailureDelay;

    protected override IReadOnlyList<string> SelectChannels()
    {
        var names = new List<string>();
        foreach (var name in channels.Names)
        {
            if (channels.TryGetPort<IInventoryChannel>(name, out _))
            {
                names.Add(name);
                _wakeUps[name] = new WorkSignal();
            }
        }

        return names;
    }

    protected override async Task<Task> BeforeChannelLoopsAsync(CancellationToken stoppingToken)
    {
        var fanOut = FanOutAsync(signals.Inventory, _wakeUps.Values, stoppingToken);
        if (!Options.FullSyncOnStart || await TryFullSyncAsync(1, stoppingToken).ConfigureAwait(false))
        {
            return fanOut;
        }

        // The WMS (or the store) was not ready: keep trying beside the channel loops, which push what events bring.
        return Task.WhenAll(fanOut, RetryFullSyncAsync(stoppingToken));
    }

    protected override async Task<ChannelPassResult> RunChannelPassAsync(string channel, CancellationToken cancellationToken)
    {
        // Changes stored from here on are seen by this pass or wake the wait after it.
        _wakeUps[channel].Reset();
        var result = await inventory.DispatchAsync(channel, cancellationToken).ConfigureAwait(false);
        var delay = result.Batches > 0 ? TimeSpan.Zero : Options.IdleDelay;
        if (result.Batches > 0 && result.Applied == 0 && result.Rejected == 0)
        {
            // The engine absorbs a failed push (its rows are rescheduled or dead-lettered), so a pass in which the channel
            // accepted nothing is a failure of the channel even though nothing was thrown.
            return new ChannelPassResult(delay, Answered: false, string.Create(
                CultureInfo.InvariantCulture,
                $"no push was applied: {result.Batches} batches failed, {result.Rescheduled} rows rescheduled, {result.DeadLettered} dead-lettered"));
        }

        return new ChannelPassResult(delay, Answered: result.Batches > 0);
    }

    protected override Task WaitChannelAsync(string channel, TimeSpan delay, CancellationToken stoppingToken) =>
        WaitAsync(_wakeUps[channel], delay, Options.InventoryPushDelay, stoppingToken);

    private async Task RetryFullSyncAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 2; ; attempt++)
        {
            try
            {
                await Task.Delay(FullSyncDelay(attempt - 1), Time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            if (await TryFullSyncAsync(attempt, stoppingToken).ConfigureAwait(false) || stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: 1 s, 2 s, 4 s, ... up to <see cref="MaxFullSyncDelay"/>.</summary>
    internal static TimeSpan FullSyncDelay(int attempt) =>
        attempt >= 20 ? MaxFullSyncDelay : TimeSpan.FromSeconds(Math.Min(MaxFullSyncDelay.TotalSeconds, Math.Pow(2, attempt - 1)));

    private async Task<bool> TryFullSyncAsync(int attempt, CancellationToken stoppingToken)
    {
        try
        {
            // Repeatable as a whole, like a channel pass: cancelled as soon as the host stops.
            using var token = CancellationTokenSource.CreateLinkedTokenSource(PassToken, stoppingToken);
            var report = await inventory.FullSyncAsync(token.Token).ConfigureAwait(false);
            var changes = 0;
            foreach (var plan in report.Channels)
            {
                changes += plan.Changes.Count;
            }

            Activity.RecordSuccess(ChannelActivity.Warehouse, FullSyncName, Time.GetUtcNow());
            Log.FullSyncDone(Logger, changes, report.Channels.Count);
            return true;
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested)
        {
            Log.WorkerStopped(Logger, Name, e);
            return false;
        }
#pragma warning disable CA1031 // The start-up sync is retried whatever failed (the WMS down, the store not ready).
        catch (Exception e)
#pragma warning restore CA1031
        {
            Activity.RecordFailure(ChannelActivity.Warehouse, FullSyncName, Time.GetUtcNow(), $"start-up full sync attempt {attempt} failed: {e.GetType().Name}: {e.Message}");
            Log.FullSyncFailed(Logger, attempt, FullSyncDelay(attempt), e);
            return false;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Connectors.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Workers;

/// <summary>
/// Runs each listing channel's report on <see cref="ListingReportWorkerOptions.Interval"/> (opt-in): counts the entries
/// per problem kind (the report itself records the <c>connectors.listings.problems</c> gauge when read to the end),
/// logs a summary, writes the CSV export when a folder is configured and applies the opted-in listing actions when
/// told to, all in one pass over the channel's listings.
/// </summary>
/// <remarks>
/// One run at a time across hosts, and one schedule for all of them: a per-channel cursor in the state store
/// (<c>listing-report</c>) holds the last completed run and, while a run is in hand, its holder and lease end, taken
/// and given back with the cursor's compare-and-set. A host that finds the report not due, or held by a live lease,
/// skips the channel. The lease lasts <see cref="ConnectorsHostingOptions.ChannelPassTimeout"/> (a run is cut then)
/// plus a minute and is measured on the hosts' clocks, so hosts whose clocks are further apart than that minute may
/// overlap a run.
/// </remarks>
internal sealed class ListingReportWorker(
    IListingHealth health,
    ISyncStateStore store,
    IChannelRegistry channels,
    ChannelActivity activity,
    IOptions<ConnectorsHostingOptions> options,
    TimeProvider time,
    HostingMetrics metrics,
    ILogger<ListingReportWorker> logger) : ConnectorWorker(time, metrics, logger)
{
    /// <summary>The cursor (per channel) that holds the schedule and the lease.</summary>
    internal const string CursorName = "listing-report";

    /// <summary>The worker name runs are recorded under in the health data.</summary>
    internal const string WorkerName = "listing-report";

    private static readonly TimeSpan LeaseMargin = TimeSpan.FromMinutes(1);
    private static readonly ListingProblems[] Kinds = [.. Enum.GetValues<ListingProblems>().Where(k => k != ListingProblems.None)];
    private readonly Dictionary<string, DateTimeOffset> _retryAt = new(StringComparer.Ordinal);

    protected override string Name => WorkerName;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.ListingReports.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override async Task<TimeSpan> RunPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var next = Time.GetUtcNow() + settings.ListingReports.Interval;
        foreach (var name in channels.Names)
        {
            if (channels.GetChannel(name) is not IListingChannel)
            {
                continue;
            }

            DateTimeOffset due;
            try
            {
                due = await RunIfDueAsync(name, settings, cancellationToken).ConfigureAwait(false);
                _retryAt.Remove(name);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any failure is reported against the channel; the next channel still gets its report.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var now = Time.GetUtcNow();
                var reason = $"{e.GetType().Name}: {e.Message}";
                activity.RecordFailure(name, WorkerName, now, reason);
                Log.ChannelFailed(Logger, name, WorkerName, reason, e);

                // The schedule still says due: this host tries again after a pause, not in a tight loop.
                due = now + Min(settings.ListingReports.Interval, TimeSpan.FromMinutes(5));
                _retryAt[name] = due;
            }

            next = due < next ? due : next;
        }

        var wait = next - Time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(10);
    }

    /// <summary>Runs the channel's report when it is due and no other host holds it.</summary>
    /// <returns>When to look at the channel again.</returns>
    private async Task<DateTimeOffset> RunIfDueAsync(string channel, ConnectorsHostingOptions settings, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (_retryAt.TryGetValue(channel, out var retryAt) && retryAt > now)
        {
            return retryAt;
        }

        var interval = settings.ListingReports.Interval;
        var cursor = await store.GetCursorAsync(channel, CursorName, cancellationToken).ConfigureAwait(false);
        var state = ScheduleState.Parse(cursor?.Value);
        if (state.LastRun is { } last && last + interval > now)
        {
            return last + interval;
        }

        if (state.Holder is not null && state.LeaseUntil > now)
        {
            Log.ListingReportBusy(Logger, channel);
            return state.LeaseUntil;
        }

        var token = Guid.NewGuid().ToString("N");
        var version = cursor?.Version ?? 0;
        var leaseUntil = now + settings.ChannelPassTimeout + LeaseMargin;
        if (!await store.TrySetCursorAsync(channel, CursorName, (state with { Holder = token, LeaseUntil = leaseUntil }).Format(), version, cancellationToken).ConfigureAwait(false))
        {
            // Another host took it (or finished) between the read and the write: look again shortly.
            Log.ListingReportBusy(Logger, channel);
            return now + Min(interval, TimeSpan.FromMinutes(1));
        }

        version++;
        try
        {
            using var timeout = new CancellationTokenSource(settings.ChannelPassTimeout, Time);
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await RunReportAsync(channel, settings.ListingReports, now, run.Token).ConfigureAwait(false);
        }
        catch
        {
            // Give the lease back with the schedule as it was, so the run is due again (here or on another host).
            await store.TrySetCursorAsync(channel, CursorName, state.Format(), version, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var done = Time.GetUtcNow();
        await store.TrySetCursorAsync(channel, CursorName, new ScheduleState(done, null, default).Format(), version, cancellationToken).ConfigureAwait(false);
        activity.RecordSuccess(channel, WorkerName, done);
        return done + interval;
    }

    private async Task RunReportAsync(string channel, ListingReportWorkerOptions settings, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var counts = new long[Kinds.Length];
        long entries = 0;
        long withProblems = 0;
        string? path = null;
        string? partial = null;
        StreamWriter? writer = null;
        Channel<ListingReportEntry>? pipe = null;
        Task<long>? export = null;
        if (settings.ExportDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, FileName(channel, started));
            partial = path + ".partial";
            writer = new StreamWriter(partial, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            pipe = Channel.CreateBounded<ListingReportEntry>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
            export = ListingReportCsv.WriteAsync(pipe.Reader.ReadAllAsync(cancellationToken), writer, cancellationToken);
        }

        async ValueTask OnEntryAsync(ListingReportEntry entry, CancellationToken token)
        {
            entries++;
            if (entry.Problems != ListingProblems.None)
            {
                withProblems++;
                for (var i = 0; i < Kinds.Length; i++)
                {
                    if ((entry.Problems & Kinds[i]) != 0)
                    {
                        counts[i]++;
                    }
                }
            }

            if (pipe is not null)
            {
                await pipe.Writer.WriteAsync(entry, token).ConfigureAwait(false);
            }
        }

        ListingActionsReport? actions = null;
        try
        {
            try
            {
                if (settings.ApplyActions)
                {
                    actions = await health.ReportAndApplyActionsAsync(channel, OnEntryAsync, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await foreach (var entry in health.GetReportAsync(channel, cancellationToken).ConfigureAwait(false))
                    {
                        await OnEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                    }
                }

                pipe?.Writer.Complete();
                if (export is not null)
                {
                    await export.ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                pipe?.Writer.TryComplete(e);
                if (export is not null)
                {
                    await export.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                }

                throw;
            }
            finally
            {
                if (writer is not null)
                {
                    await writer.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        catch
        {
            if (partial is not null)
            {
                File.Delete(partial);
            }

            throw;
        }

        if (partial is not null)
        {
            File.Move(partial, path!, overwrite: true);
        }

        var deactivated = actions?.Deactivated.Count(r => r.Outcome == PushOutcome.Applied) ?? 0;
        var reactivated = actions?.Reactivated.Count(r => r.Outcome == PushOutcome.Applied) ?? 0;
        var summary = string.Join(", ", Kinds.Select((kind, i) => string.Create(CultureInfo.InvariantCulture, $"{ListingReportCsv.ProblemName(kind)}={counts[i]}")));
        Log.ListingReportRun(
            Logger,
            channel,
            entries,
            withProblems,
            summary,
            settings.ApplyActions,
            actions?.Zeroed.Count ?? 0,
            deactivated,
            reactivated,
            path ?? "none");
    }

    /// <summary>The file name of one run's export: the channel (characters a file name cannot hold replaced) and the start time.</summary>
    internal static string FileName(string channel, DateTimeOffset started)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new StringBuilder(channel.Length);
        foreach (var c in channel)
        {
            safe.Append(Array.IndexOf(invalid, c) >= 0 || c is '/' or '\\' or ':' ? '_' : c);
        }

        return string.Create(CultureInfo.InvariantCulture, $"listing-report-{safe}-{started.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The cursor's value: <c>{last completed run ticks or empty}|{holder or empty}|{lease end ticks}</c>.</summary>
    private sealed record ScheduleState(DateTimeOffset? LastRun, string? Holder, DateTimeOffset LeaseUntil)
    {
        public static ScheduleState Parse(string? value)
        {
            var parts = value?.Split('|');
            if (parts is not { Length: 3 })
            {
                return new ScheduleState(null, null, default);
            }

            return new ScheduleState(
                Ticks(parts[0]) is { } last ? new DateTimeOffset(last, TimeSpan.Zero) : null,
                parts[1].Length == 0 ? null : parts[1],
                Ticks(parts[2]) is { } lease ? new DateTimeOffset(lease, TimeSpan.Zero) : default);
        }

        public string Format() => string.Create(
            CultureInfo.InvariantCulture,
            $"{LastRun?.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Holder}|{(Holder is null ? 0 : LeaseUntil.UtcTicks)}");

        private static long? Ticks(string text) =>
            long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is >= 0 and <= 3155378975999999999 ? ticks : null;
    }
}

using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Internal;

/// <summary>The hosting package's log messages (event ids 5000-5999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Worker {Worker} pass failed; it will run again after {Delay}")]
    public static partial void PassFailed(ILogger logger, string worker, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Channel {Channel} failed in {Worker}: {Reason}")]
    public static partial void ChannelFailed(ILogger logger, string channel, string worker, string reason, Exception? exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Rejected webhook for channel {Channel}: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string channel, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Dead-lettered malformed webhook {DeadLetterId} for channel {Channel}: {Reason}")]
    public static partial void WebhookDeadLettered(ILogger logger, string deadLetterId, string channel, string reason, Exception exception);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Start-up full inventory sync pushed {Changes} changes over {Channels} channels")]
    public static partial void FullSyncDone(ILogger logger, int changes, int channels);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Reconciliation found {Differences} differences")]
    public static partial void Reconciled(ILogger logger, int differences);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Start-up full inventory sync attempt {Attempt} failed; it will run again after {Delay}")]
    public static partial void FullSyncFailed(ILogger logger, int attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Repriced: {Changes} price changes, {Held} held; next schedule boundary {NextChangeAt}")]
    public static partial void Repriced(ILogger logger, int changes, int held, DateTimeOffset? nextChangeAt);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Listing report of channel {Channel}: {Entries} entries, {Problems} with problems ({ProblemCounts}); actions applied: {ActionsApplied}, zeroed {Zeroed}, deactivated {Deactivated}, reactivated {Reactivated}; export {ExportPath}")]
    public static partial void ListingReportRun(
        ILogger logger, string channel, long entries, long problems, string problemCounts, bool actionsApplied, int zeroed, int deactivated, int reactivated, string exportPath);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Debug, Message = "Listing report of channel {Channel} is running on another host (or finished there since this host looked); skipped")]
    public static partial void ListingReportBusy(ILogger logger, string channel);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Worker {Worker} stopped with the host; the pass in hand ended with the exception attached")]
    public static partial void WorkerStopped(ILogger logger, string worker, Exception exception);
}

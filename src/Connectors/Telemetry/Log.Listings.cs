using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>Log messages of listing health (4600-4699).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Information, Message = "Listing report of channel {Channel} complete: {Problems} problems")]
    public static partial void ListingReportCompleted(ILogger logger, string channel, int problems);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Listing action {Action} on channel {Channel}: {Applied} of {Count} applied")]
    public static partial void ListingActionsApplied(ILogger logger, string channel, string action, int applied, int count);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Listing action {Action} on channel {Channel}: item {ChannelItemId} {Outcome}: {Reason}")]
    public static partial void ListingActionRefused(ILogger logger, string channel, string action, string channelItemId, string outcome, string? reason);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning, Message = "Listing action {Action} on channel {Channel} failed for a batch of {Count}")]
    public static partial void ListingActionFailed(ILogger logger, Exception exception, string channel, string action, int count);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Warning, Message = "Listing action {Action} is opted in for channel {Channel}, but the channel does not implement {Port}; nothing done")]
    public static partial void ListingActionUnsupported(ILogger logger, string channel, string action, string port);
}

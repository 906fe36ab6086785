using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>
/// The engine's log messages, source-generated. Event id ranges: 1-999 core, 1000-1999 inventory,
/// 2000-2999 orders, 3000-3999 fulfilment and returns, 4000-4999 reconciliation and dead letters.
/// Each flow keeps its messages in its own partial file.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Dead-lettered {Flow} item {ItemId} of channel {Channel}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string flow, string itemId, string channel, string reason, Exception? exception = null);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Lost the lease of {Flow} item {ItemId} of channel {Channel} to another worker (at {Step}); this worker's write was refused and the other worker owns the item")]
    public static partial void LeaseLost(ILogger logger, string flow, string itemId, string channel, string step);
}

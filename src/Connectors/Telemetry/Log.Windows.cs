using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>Log messages about oversell windows of stopped orders (in the 4000-4999 dead-letter range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The oversell window of dead letter {ItemId} could not be ended now; the reservation time-to-live or a reconciliation ends it")]
    public static partial void WindowNotEnded(ILogger logger, string itemId, Exception exception);
}

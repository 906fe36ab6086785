using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>Reconciliation's log messages (event ids 4100-4199 of the 4000-4999 reconciliation and dead letters range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Order {OrderId} of channel {Channel} has a newer version on the channel ({ChannelVersion:O} after {Version:O}) without a change the order flow acts on (for example the engine's own acknowledgement or fulfilment); not a missed update")]
    public static partial void OrderVersionUnchanged(ILogger logger, string orderId, string channel, DateTimeOffset version, DateTimeOffset channelVersion);
}

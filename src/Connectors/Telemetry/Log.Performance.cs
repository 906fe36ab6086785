using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>Log messages of seller performance (6000-6099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning, Message = "Seller performance of channel {Channel}: {Metric} over {Window} is {Value:P2}, beyond its threshold {Threshold:P2}")]
    public static partial void PerformanceThresholdCrossed(ILogger logger, string channel, string metric, string window, double value, double threshold);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Seller performance of channel {Channel}: {Metric} over {Window} is {Value:P2}, within its threshold {Threshold:P2} again")]
    public static partial void PerformanceThresholdRecovered(ILogger logger, string channel, string metric, string window, double value, double threshold);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Order {OrderId} of channel {Channel} is at risk: not confirmed shipped, ship-by {ShipBy} ({TimeLeft} left)")]
    public static partial void OrderAtRisk(ILogger logger, string orderId, string channel, DateTimeOffset shipBy, TimeSpan timeLeft);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Order {OrderId} of channel {Channel} is late: not confirmed shipped, ship-by {ShipBy} has passed")]
    public static partial void OrderLate(ILogger logger, string orderId, string channel, DateTimeOffset shipBy);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "The state store {Store} keeps no order timelines (IOrderTimelineStore); seller performance is kept in process memory and lost on restart")]
    public static partial void TimelinesInMemory(ILogger logger, string store);
}

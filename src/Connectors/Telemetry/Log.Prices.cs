using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>The price flow's log messages (event ids 4500-4599, in the engine range beside reconciliation and dead letters).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Debug, Message = "Recorded {PriceCount} base prices; {RowCount} price rows changed, {HeldCount} held")]
    public static partial void PricesRecorded(ILogger logger, int priceCount, int rowCount, int heldCount);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Price of item {ChannelItemId} on channel {Channel} held: {Reason}")]
    public static partial void PriceHeld(ILogger logger, string channel, string channelItemId, string reason);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning, Message = "Price push of {ItemCount} items to channel {Channel} failed (transient: {Transient}): {Reason}")]
    public static partial void PriceBatchFailed(ILogger logger, string channel, int itemCount, bool transient, string reason, Exception exception);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "Item {ChannelItemId} of channel {Channel} could not be priced: {Reason}")]
    public static partial void PriceProblem(ILogger logger, string channel, string channelItemId, string reason);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Information, Message = "Held price of {Key} (version {Version}) {Decision} by a person")]
    public static partial void PriceHoldDecided(ILogger logger, PriceKey key, long version, string decision);
}

using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>The price flow's log messages (event ids 6000-6999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Recorded {PriceCount} base prices; {RowCount} price rows changed, {HeldCount} held")]
    public static partial void PricesRecorded(ILogger logger, int priceCount, int rowCount, int heldCount);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Price of item {ChannelItemId} on channel {Channel} held: {Reason}")]
    public static partial void PriceHeld(ILogger logger, string channel, string channelItemId, string reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Price push of {ItemCount} items to channel {Channel} failed (transient: {Transient}): {Reason}")]
    public static partial void PriceBatchFailed(ILogger logger, string channel, int itemCount, bool transient, string reason, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Item {ChannelItemId} of channel {Channel} could not be priced: {Reason}")]
    public static partial void PriceProblem(ILogger logger, string channel, string channelItemId, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Held price of {Key} (version {Version}) {Decision} by a person")]
    public static partial void PriceHoldDecided(ILogger logger, PriceKey key, long version, string decision);
}

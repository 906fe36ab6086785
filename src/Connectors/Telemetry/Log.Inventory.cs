using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>The inventory flow's log messages (event ids 1000-1999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Recorded {LevelCount} stock levels; {RowCount} inventory rows recomputed")]
    public static partial void StockRecorded(ILogger logger, int levelCount, int rowCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Inventory push of {ItemCount} items to channel {Channel} failed (transient: {Transient}): {Reason}")]
    public static partial void InventoryBatchFailed(ILogger logger, string channel, int itemCount, bool transient, string reason, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Channel {Channel} rejected item {ChannelItemId} at {LocationId}: {Reason}")]
    public static partial void InventoryItemRejected(ILogger logger, string channel, string channelItemId, string locationId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Inventory sync of channel {Channel} (dry run: {DryRun}): {RowCount} rows computed, {ChangeCount} differ from the channel")]
    public static partial void InventorySyncComputed(ILogger logger, string channel, bool dryRun, int rowCount, int changeCount);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Stock of SKU {Sku} is unknown (no level received and no IWarehouseInventory to ask), so item {ChannelItemId} of channel {Channel} was not recomputed")]
    public static partial void StockUnknown(ILogger logger, string sku, string channelItemId, string channel);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The oversell window of order {OrderId} of channel {Channel}, opened at {OpenedAt}, outlived the reservation time-to-live {TimeToLive} and was closed")]
    public static partial void ReservationExpired(ILogger logger, string orderId, string channel, DateTimeOffset openedAt, TimeSpan timeToLive);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Could not read the stock of the SKUs of order {OrderId} of channel {Channel} after the WMS accepted it; its oversell window stays open until levels of its SKUs are published")]
    public static partial void AcceptedStockReadFailed(ILogger logger, string orderId, string channel, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "Channel {Channel} moved its own stock for an order; {RowCount} inventory rows will be pushed again")]
    public static partial void ChannelMovedStock(ILogger logger, string channel, int rowCount);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Channel {Channel} under its daily quota: {PushCount} rows pushed in {CallCount} calls, {DeferredCount} deferred until {DueAt} ({Reason}); {CallsSpent} of {CallsPerDay} calls spent in the window")]
    public static partial void QuotaDeferred(ILogger logger, string channel, int pushCount, int callCount, int deferredCount, DateTimeOffset dueAt, string reason, int callsSpent, int? callsPerDay);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "The stored listing zero lists changed on another host: {ItemCount} items' zero changed; their rows are recomputed before the next push")]
    public static partial void InventoryZeroListChanged(ILogger logger, int itemCount);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Channel {Channel}: claimed rows of {ItemCount} zeroed items asked for stock (computed from an older zero list); pushed as zero and recomputed")]
    public static partial void InventoryStaleZeroGuarded(ILogger logger, string channel, int itemCount);
}

using Microsoft.Extensions.Logging;

namespace Connectors.WooCommerce.Internal;

/// <summary>The WooCommerce connector's log messages, source-generated. Event ids 8000-8099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, Level = LogLevel.Warning, Message = "WooCommerce {Channel}: batch of {Count} items refused with 413; halving and retrying")]
    public static partial void BatchTooLarge(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 8001, Level = LogLevel.Warning, Message = "WooCommerce {Channel}: a PHP notice preceded the JSON of {Path}; it was skipped")]
    public static partial void PhpNoticeSkipped(ILogger logger, string channel, string path);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Debug, Message = "WooCommerce {Channel}: {Request} answered {Status}")]
    public static partial void Answered(ILogger logger, string channel, string request, int status);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Information, Message = "WooCommerce {Channel}: shipment {ShipmentId} of order {OrderId} is already recorded; nothing written")]
    public static partial void ShipmentAlreadyRecorded(ILogger logger, string channel, string shipmentId, string orderId);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "WooCommerce {Channel}: refund {RefundId} of order {OrderId} has no line items; it is not a return")]
    public static partial void RefundWithoutLines(ILogger logger, string channel, string refundId, string orderId);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "WooCommerce {Channel}: order {OrderId} skipped: {Reason}")]
    public static partial void OrderSkipped(ILogger logger, string channel, string orderId, string reason);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "WooCommerce {Channel}: the note of shipment {ShipmentId} of order {OrderId} is already written; completing the shipment with its meta")]
    public static partial void ShipmentNoteAlreadyWritten(ILogger logger, string channel, string shipmentId, string orderId);
}

using Microsoft.Extensions.Logging;

namespace Connectors.Magento.Internal;

/// <summary>The Magento connector's log messages, source-generated. Event ids 8200-8299.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Debug, Message = "Magento {Channel}: {Request} answered {Status}")]
    public static partial void Answered(ILogger logger, string channel, string request, int status);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Warning, Message = "Magento {Channel}: PHP output preceded the JSON of {Request}; it was skipped")]
    public static partial void PhpNoticeSkipped(ILogger logger, string channel, string request);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Information, Message = "Magento {Channel}: admin token obtained, valid for {Lifetime}")]
    public static partial void AdminTokenObtained(ILogger logger, string channel, TimeSpan lifetime);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Warning, Message = "Magento {Channel}: a batch of {Count} source items was refused; sending its items one by one")]
    public static partial void BatchSplit(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 8204, Level = LogLevel.Information, Message = "Magento {Channel}: shipment {ShipmentKey} of order {OrderId} already exists as shipment {ShipmentId}; nothing created")]
    public static partial void ShipmentAlreadyRecorded(ILogger logger, string channel, string shipmentKey, long orderId, long shipmentId);

    [LoggerMessage(EventId = 8205, Level = LogLevel.Warning, Message = "Magento {Channel}: order {OrderId} skipped: {Reason}")]
    public static partial void OrderSkipped(ILogger logger, string channel, string orderId, string reason);

    [LoggerMessage(EventId = 8206, Level = LogLevel.Information, Message = "Magento {Channel}: the store has no /V1/returns (Magento Open Source, no RMA); return requests are not read from it")]
    public static partial void RmaMissing(ILogger logger, string channel);

    [LoggerMessage(EventId = 8207, Level = LogLevel.Warning, Message = "Magento {Channel}: return {ReturnId} skipped: {Reason}")]
    public static partial void ReturnSkipped(ILogger logger, string channel, string returnId, string reason);

    [LoggerMessage(EventId = 8208, Level = LogLevel.Information, Message = "Magento {Channel}: return receipt {ReceiptKey} of order {OrderId} refunded with credit memo {CreditMemoId}")]
    public static partial void CreditMemoCreated(ILogger logger, string channel, string receiptKey, long orderId, long creditMemoId);

    [LoggerMessage(EventId = 8209, Level = LogLevel.Warning, Message = "Magento {Channel}: bulk {BulkUuid} still has open operations after {Timeout}; their items are retried")]
    public static partial void BulkStillOpen(ILogger logger, string channel, string bulkUuid, TimeSpan timeout);

    [LoggerMessage(EventId = 8210, Level = LogLevel.Information, Message = "Magento {Channel}: orders holding {Count} items were shipped, cancelled or refunded while their source quantities were written; writing them again")]
    public static partial void ReservationsChangedDuringPush(ILogger logger, string channel, int count);
}

using Microsoft.Extensions.Logging;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>The SAP EWM adapter's log messages, source-generated. Event ids 9000-9099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Debug, Message = "SAP EWM: {Request} answered {Status}")]
    public static partial void Answered(ILogger logger, string request, int status);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "SAP EWM: the CSRF token of {ServiceRoot} was refused (x-csrf-token: Required); fetching a new one and sending again")]
    public static partial void CsrfRefetch(ILogger logger, string serviceRoot);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "SAP EWM: sales order {SalesOrder} already carries reference {Reference}; not created again")]
    public static partial void SalesOrderFound(ILogger logger, string salesOrder, string reference);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "SAP EWM: sales order {SalesOrder} created for reference {Reference}")]
    public static partial void SalesOrderCreated(ILogger logger, string salesOrder, string reference);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "SAP EWM: outbound delivery order {DeliveryOrder} belongs to sales order {SalesOrder}, whose reference '{Reference}' is not a channel order of this adapter; skipped")]
    public static partial void DeliveryNotOurs(ILogger logger, string deliveryOrder, string? salesOrder, string? reference);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "SAP EWM: shipment {DeliveryOrder} of {Channel} order {OrderId} published")]
    public static partial void ShipmentPublished(ILogger logger, string deliveryOrder, string channel, string orderId);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "SAP EWM: cancellation of sales order {SalesOrder} refused: {Reason}")]
    public static partial void CancelRefused(ILogger logger, string salesOrder, string reason);

    [LoggerMessage(EventId = 9007, Level = LogLevel.Warning, Message = "SAP EWM: the deliveries of sales order {SalesOrder} are at 0, but its items were not rejected and may become due for delivery again: {Reason}")]
    public static partial void SalesOrderNotRejected(ILogger logger, string salesOrder, string reason);

    [LoggerMessage(EventId = 9008, Level = LogLevel.Information, Message = "SAP EWM: return receipt {Inspection} of {Channel} return {ReturnId} published")]
    public static partial void ReturnReceiptPublished(ILogger logger, string inspection, string channel, string returnId);

    [LoggerMessage(EventId = 9009, Level = LogLevel.Information, Message = "SAP EWM: returns inspection {Inspection} of returns delivery {Delivery} belongs to customer return '{CustomerReturn}', which this adapter did not create; skipped")]
    public static partial void InspectionNotOurs(ILogger logger, string inspection, string delivery, string? customerReturn);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Warning, Message = "SAP EWM: returns inspection {Inspection} of customer return {CustomerReturn} ({Channel} return {ReturnId}) cannot be published: the customer return refers to no sales order of this adapter, so the channel order is unknown")]
    public static partial void InspectionWithoutOrder(ILogger logger, string inspection, string? customerReturn, string channel, string returnId);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "SAP EWM: the {Flow} poll of warehouse {Warehouse} failed; it runs again on the next pass")]
    public static partial void PollFailed(ILogger logger, string flow, string warehouse, Exception exception);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Information, Message = "SAP EWM: {Count} changed stock levels of warehouse {Warehouse} published")]
    public static partial void StockDeltasPublished(ILogger logger, int count, string warehouse);

    [LoggerMessage(EventId = 9013, Level = LogLevel.Information, Message = "SAP EWM: outbound delivery order {DeliveryOrder} of {Channel} order {OrderId} reported to the channel")]
    public static partial void DeliveryOrderReported(ILogger logger, string deliveryOrder, string channel, string orderId);

    [LoggerMessage(EventId = 9014, Level = LogLevel.Warning, Message = "SAP EWM: outbound delivery order {DeliveryOrder} of {Channel} order {OrderId} could not be reported to the channel; tried again when the delivery order changes")]
    public static partial void DeliveryOrderReportFailed(ILogger logger, string deliveryOrder, string channel, string orderId, Exception? exception);

    [LoggerMessage(EventId = 9015, Level = LogLevel.Information, Message = "SAP EWM: change of sales order {SalesOrder} refused: {Reason}")]
    public static partial void UpdateRefused(ILogger logger, string salesOrder, string reason);

    [LoggerMessage(EventId = 9016, Level = LogLevel.Information, Message = "SAP EWM: sales order {SalesOrder} changed: {Changes}")]
    public static partial void OrderUpdated(ILogger logger, string salesOrder, string changes);

    [LoggerMessage(EventId = 9017, Level = LogLevel.Warning, Message = "SAP EWM: the delivery of sales order {SalesOrder} was reduced, but its item was not changed to match and its open rest may become due for delivery again: {Reason}")]
    public static partial void SalesOrderItemNotReduced(ILogger logger, string salesOrder, string reason);
}

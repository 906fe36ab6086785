using Microsoft.Extensions.Logging;

namespace Connectors.Shopify.Internal;

/// <summary>Log messages of the Shopify package (event ids 7000-7099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Shopify channel {Channel}: operation {Operation} uses a deprecated API: {Reason}")]
    public static partial void DeprecatedApi(ILogger logger, string channel, string operation, string reason);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Shopify channel {Channel}: {Operation} throttled, waiting {WaitMs} ms for the cost bucket")]
    public static partial void Throttled(ILogger logger, string channel, string operation, double waitMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Shopify channel {Channel}: fulfilment for shipment {ShipmentKey} already exists as {FulfillmentId}; not creating another")]
    public static partial void FulfillmentExists(ILogger logger, string channel, string shipmentKey, string fulfillmentId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Shopify channel {Channel}: obtained an access token with the client-credentials grant")]
    public static partial void TokenObtained(ILogger logger, string channel);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Shopify channel {Channel}: fulfilment service '{ServiceName}' at location {LocationId} {Outcome}")]
    public static partial void FulfillmentServiceReady(ILogger logger, string channel, string serviceName, string locationId, string outcome);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Shopify channel {Channel}: fulfilment request of {FulfillmentOrderId} {Outcome}")]
    public static partial void FulfillmentRequestAnswered(ILogger logger, string channel, string fulfillmentOrderId, string outcome);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Shopify channel {Channel}: cancellation request of {FulfillmentOrderId} {Outcome}")]
    public static partial void CancellationRequestAnswered(ILogger logger, string channel, string fulfillmentOrderId, string outcome);

    [LoggerMessage(EventId = 7050, Level = LogLevel.Information, Message = "Shopify channel {Channel}: scheduled fulfilment order {FulfillmentOrderId} not marked as open: {Reason}")]
    public static partial void FulfillmentOrderNotOpened(ILogger logger, string channel, string fulfillmentOrderId, string reason);

    [LoggerMessage(EventId = 7051, Level = LogLevel.Warning, Message = "Shopify channel {Channel}: stock of {InventoryItemId} at {LocationId} was changed by someone else (expected {Expected}, found {Found}); setting {Quantity} from the value read")]
    public static partial void InventoryConflict(ILogger logger, string channel, string inventoryItemId, string locationId, int? expected, int? found, int quantity);

    [LoggerMessage(EventId = 7052, Level = LogLevel.Information, Message = "Shopify channel {Channel}: moved {Units} units of fulfilment order {FulfillmentOrderId} to location {LocationId} (now {MovedFulfillmentOrderId}) for shipment {ShipmentKey}")]
    public static partial void FulfillmentOrderMoved(ILogger logger, string channel, string fulfillmentOrderId, int units, string locationId, string movedFulfillmentOrderId, string shipmentKey);

    [LoggerMessage(EventId = 7053, Level = LogLevel.Warning, Message = "Shopify channel {Channel}: inventory item {InventoryItemId} could not be stocked at location {LocationId}: {Reason}")]
    public static partial void InventoryNotActivated(ILogger logger, string channel, string inventoryItemId, string locationId, string reason);

    [LoggerMessage(EventId = 7080, Level = LogLevel.Warning, Message = "Shopify channel {Channel}: bulk operation {Operation} not started ({ErrorCode}: {Reason}); using paged queries or one call per product instead")]
    public static partial void BulkReadFallback(ILogger logger, string channel, string operation, string? errorCode, string reason);

    [LoggerMessage(EventId = 7081, Level = LogLevel.Information, Message = "Shopify channel {Channel}: bulk operation {OperationId} ({Operation}) completed with {ObjectCount} objects, {FileSize} bytes")]
    public static partial void BulkOperationCompleted(ILogger logger, string channel, string operationId, string operation, long? objectCount, long? fileSize);
}

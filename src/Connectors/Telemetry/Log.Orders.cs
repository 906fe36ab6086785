using Microsoft.Extensions.Logging;

namespace Connectors.Telemetry;

/// <summary>Log messages of the order (2000-2999), fulfilment and returns (3000-3999), reconciliation and dead-letter (4000-4999) flows.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Order {OrderId} of channel {Channel} received from {Source}: {Outcome}")]
    public static partial void OrderReceived(ILogger logger, string orderId, string channel, string source, string outcome);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Order {OrderId} of channel {Channel} processed: {Outcome}")]
    public static partial void OrderProcessed(ILogger logger, string orderId, string channel, string outcome);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "Polled channel {Channel} since {Since}: {Seen} orders seen, {Enqueued} new")]
    public static partial void OrdersPolled(ILogger logger, string channel, DateTimeOffset since, int seen, int enqueued);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Could not acknowledge order {OrderId} to channel {Channel} yet: {Reason}")]
    public static partial void AcknowledgementFailed(ILogger logger, string orderId, string channel, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Order {OrderId} of channel {Channel} cannot be read at {JsonPath} and was dead-lettered with its payload: {Reason}")]
    public static partial void UnreadableOrderDeadLettered(ILogger logger, string orderId, string channel, string jsonPath, string reason);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Shipment {ShipmentId} of order {OrderId} sent to channel {Channel}: {Outcome}")]
    public static partial void ShipmentSent(ILogger logger, string shipmentId, string orderId, string channel, string outcome);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Return {ReturnId} of channel {Channel}: {Outcome}")]
    public static partial void ReturnProcessed(ILogger logger, string returnId, string channel, string outcome);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Reconciled channel {Channel} (dry run {DryRun}): {Differences} differences, {Repaired} repaired")]
    public static partial void Reconciled(ILogger logger, string channel, bool dryRun, int differences, int repaired);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Retrying {Flow} item {ItemId} of channel {Channel} (attempt {Attempt}) in {Delay}: {Reason}")]
    public static partial void WorkRetried(ILogger logger, string flow, string itemId, string channel, int attempt, TimeSpan delay, string reason, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Dead letter {ItemId} {Action}")]
    public static partial void DeadLetterAction(ILogger logger, string itemId, string action);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Order {OrderId} of channel {Channel}: its processing lock was taken by another worker while this one still processed it (the lock could not be renewed)")]
    public static partial void OrderLockLost(ILogger logger, string orderId, string channel);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Order {OrderId} of channel {Channel}: processing did not finish within ProcessingTimeout ({Timeout}); cancelled, its lock no longer renewed, retried later")]
    public static partial void OrderProcessingTimedOut(ILogger logger, string orderId, string channel, TimeSpan timeout);
}

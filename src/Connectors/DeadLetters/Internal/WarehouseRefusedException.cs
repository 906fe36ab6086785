namespace Connectors.DeadLetters.Internal;

/// <summary>The WMS answered "refused" (already picked, already shipped, unknown order): permanent, becomes an exception event.</summary>
internal sealed class WarehouseRefusedException(string channel, string orderId, string operation, string? reason)
    : ConnectorException($"The WMS refused to {operation} order {orderId} of channel {channel}: {reason ?? "no reason given"}.")
{
    public string Channel { get; } = channel;

    public string OrderId { get; } = orderId;

    public string Operation { get; } = operation;

    public string? Reason { get; } = reason;
}

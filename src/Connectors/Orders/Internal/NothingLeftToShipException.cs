namespace Connectors.Orders.Internal;

/// <summary>
/// A version of an order the WMS has leaves the warehouse nothing to ship (every unit it was given was removed or
/// refunded on the channel) while the channel does not show the order cancelled. The engine sends no empty update: the
/// item is dead-lettered as an order exception for the merchant to cancel the order (which reaches the WMS as a
/// cancellation) or to settle it in the WMS.
/// </summary>
internal sealed class NothingLeftToShipException(string channel, string orderId)
    : ConnectorException($"Order {orderId} of channel {channel} has no unit left for the warehouse to ship, but it is not cancelled on the channel; the WMS keeps the order as it was submitted. Cancel it on the channel (the WMS is then asked to cancel it) or in the WMS.")
{
    public string Channel { get; } = channel;

    public string OrderId { get; } = orderId;
}

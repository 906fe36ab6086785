namespace Connectors.Orders.Internal;

/// <summary>What the engine remembers about one order, kept as the payload of its <see cref="OrderRecord"/>.</summary>
/// <param name="Order">The latest channel version processed.</param>
/// <param name="Submitted">The warehouse order as the WMS last accepted it, or <see langword="null"/> when it never did.</param>
/// <param name="Acknowledged">Whether the channel was told about the current status.</param>
/// <param name="Reason">Why the order is held or rejected.</param>
/// <param name="Fulfilled">
/// The units per channel line id the channel showed fulfilled when the WMS got the order, left out of it; every later
/// version is mapped against these, so fulfilment progress is not an order change (<see cref="OrderToShip"/>). Null
/// for records written before the engine kept it: nothing is left out.
/// </param>
internal sealed record OrderState(ChannelOrder? Order, WarehouseOrder? Submitted, bool Acknowledged, string? Reason, IReadOnlyDictionary<string, int>? Fulfilled = null);

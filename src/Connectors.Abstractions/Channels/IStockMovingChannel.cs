namespace Connectors;

/// <summary>
/// A channel whose platform moves its own stock when orders change (WooCommerce lowers <c>stock_quantity</c> when an
/// order becomes processing or on-hold, puts it back on cancellation and adds units on a restocking refund). Opt-in: a
/// channel that does not implement it is treated as one whose stock only the engine's pushes change.
/// </summary>
/// <remarks>
/// The engine pushes absolute levels; a move the platform makes after a push is invisible to it unless declared. With
/// the declaration, the engine pushes an item again when an order version shows the channel's held units changed
/// (<see cref="ChannelOrderLine.StockHeld"/>), confirms returns without the channel's own restock when it pushes the
/// channel's stock anyway, and does not repair a lower channel level while an order of the item is still unprocessed.
/// </remarks>
public interface IStockMovingChannel : IChannel
{
    /// <summary>Which order events move the channel's own stock.</summary>
    ChannelStockMoves StockMoves { get; }
}

namespace Connectors;

/// <summary>
/// What a channel's platform does to its own stock by itself (see <see cref="IStockMovingChannel"/>). Every flag
/// defaults to <see langword="false"/>: the stock changes only when the engine pushes it.
/// </summary>
public sealed class ChannelStockMoves
{
    /// <summary>
    /// Whether the channel takes an order's units from its own stock at some point of the order's life, and reports how
    /// many per line in <see cref="ChannelOrderLine.StockHeld"/> (WooCommerce: on processing, completed or on-hold; back
    /// on cancelled or pending).
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool OrdersHoldStock { get; init; }

    /// <summary>
    /// Whether confirming a return with <see cref="ReturnConfirmation.Restock"/> adds the units back to the channel's own
    /// stock (WooCommerce's <c>api_restock</c>). The engine then confirms returns without it on a channel whose stock it
    /// pushes: the WMS's level, which counts the returned units once received, is pushed anyway.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool RestockAddsStock { get; init; }
}

namespace Connectors.Magento;

/// <summary>What Magento does to its own stock when orders change, declared to the engine.</summary>
public sealed partial class MagentoChannel : IStockMovingChannel
{
    private static readonly ChannelStockMoves Moves = new() { OrdersHoldStock = false, RestockAddsStock = true };

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// <see cref="ChannelStockMoves.RestockAddsStock"/>: a credit memo with <c>return_to_stock_items</c> puts the units back on
    /// the source (MSI) or the stock item (legacy). The engine then confirms returns without it, since the WMS's level,
    /// which counts the returned units once received, is pushed anyway; with it the store sold each restocked unit twice
    /// until the next change of the item.
    /// </para>
    /// <para>
    /// <see cref="ChannelStockMoves.OrdersHoldStock"/> is <see langword="false"/> although MSI reserves an order's units
    /// from placing to shipping or cancelling: the connector already counts those reservations (the pushed source quantity
    /// is the available-to-sell plus the open reservations, and <see cref="ReadInventoryAsync"/> subtracts them again), so
    /// what the engine pushed stays what the store sells as orders move, and a shipment's source deduction is matched by
    /// its reservation's compensation. With <see cref="MagentoOptions.CompensateReservations"/> off, or with legacy stock
    /// items (decremented at checkout), open orders are counted by both sides; see docs/platforms/magento.md.
    /// </para>
    /// </remarks>
    public ChannelStockMoves StockMoves => Moves;
}

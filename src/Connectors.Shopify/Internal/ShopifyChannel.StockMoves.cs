namespace Connectors.Shopify.Internal;

/// <summary>
/// Shopify moves its own stock (issue 18): an order's tracked units leave <c>available</c> for <c>committed</c> when the
/// order is created (paid or not), a cancellation with restock puts the unfulfilled ones back, a refund with restock and a
/// return processed with a <c>RESTOCKED</c> disposition add units to <c>available</c>. Declared so the engine re-pushes an
/// item when an order version shows the shop's held units changed, processes missed orders before repairing levels in a
/// reconciliation, and confirms returns without Shopify's restock (the WMS's level, pushed anyway, counts the returned units).
/// </summary>
internal sealed partial class ShopifyChannel : IStockMovingChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// <see cref="ChannelOrderLine.StockHeld"/> is the line's current quantity (<c>LineItem.currentQuantity</c>: ordered less
    /// removed and refunded units), 0 once the order is cancelled. It is an approximation read from the order alone: a refund
    /// without restock also lowers it (the engine then pushes the item's level again, which changes nothing), and a return
    /// the merchant restocks without a refund does not (the level is repaired by the next reconciliation).
    /// </remarks>
    public ChannelStockMoves StockMoves { get; } = new() { OrdersHoldStock = true, RestockAddsStock = true };
}

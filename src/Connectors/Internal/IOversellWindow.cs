namespace Connectors.Internal;

/// <summary>
/// The seam between the order flow and the inventory engine: units of an order received but not yet accepted by
/// the WMS are subtracted from every channel's availability at once (opened). When the order stops without reaching
/// the WMS (cancelled, rejected, refused, dead-lettered, discarded, expired) the units are given back (closed); when
/// the WMS accepts it, the window is only closed together with a stock level that shows the WMS has taken the units
/// (accepted), so no channel is ever shown those units again.
/// </summary>
internal interface IOversellWindow
{
    ValueTask OpenAsync(PendingReservation reservation, CancellationToken cancellationToken);

    /// <summary>The order will not reach the WMS: its units are available again.</summary>
    ValueTask CloseAsync(string channel, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The WMS accepted the order: its units are now in the WMS's reserved figure. The window closes once stock levels
    /// of its SKUs read after the acceptance are in the stock book (read at once through <see cref="IWarehouseInventory"/>
    /// when registered, otherwise the next published levels of its SKUs).
    /// </summary>
    ValueTask AcceptedAsync(string channel, string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The channel moved its own stock of these items by itself (an order version shows its held units changed, see
    /// <see cref="IStockMovingChannel"/>): what it shows is no longer what the engine pushed, so their rows are pushed again.
    /// </summary>
    ValueTask ChannelMovedStockAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

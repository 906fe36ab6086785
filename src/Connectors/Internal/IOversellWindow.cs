namespace Connectors.Internal;

/// <summary>
/// The seam between the order flow and the inventory engine: units of an order received but not yet accepted by
/// the WMS are subtracted from every channel's availability at once (opened), and given back to the WMS's own
/// reserved figure when it accepts the order or it is cancelled (closed).
/// </summary>
internal interface IOversellWindow
{
    ValueTask OpenAsync(PendingReservation reservation, CancellationToken cancellationToken);

    ValueTask CloseAsync(string channel, string orderId, CancellationToken cancellationToken);
}

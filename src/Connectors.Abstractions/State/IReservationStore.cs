namespace Connectors;

/// <summary>
/// Oversell reservations: units of accepted orders held against available-to-sell until the WMS's stock reflects
/// them. Part of <see cref="ISyncStateStore"/>.
/// </summary>
public interface IReservationStore
{
    /// <summary>Opens or replaces the oversell window of an order.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetReservationAsync(PendingReservation reservation, CancellationToken cancellationToken = default);

    /// <summary>Closes the oversell window of an order.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was open.</returns>
    ValueTask<bool> RemoveReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default);

    /// <summary>Lists every open reservation, to rebuild the oversell window after a restart.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The reservations.</returns>
    IAsyncEnumerable<PendingReservation> ListReservationsAsync(CancellationToken cancellationToken = default);
}

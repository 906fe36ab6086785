namespace Connectors;

/// <summary>
/// An optional capability of an <see cref="IOrderChannel"/> whose platform waits for the warehouse's answer, not just a
/// mark (a Shopify fulfilment service answers fulfilment and cancellation requests). The engine calls it after the WMS
/// answered and before it records the outcome, so a failed call retries the work item and the WMS, idempotent on its
/// key, gives the same answer again. Both calls must therefore be idempotent.
/// </summary>
public interface IWarehouseAnswerChannel : IOrderChannel
{
    /// <summary>The WMS refused to take the order: the channel learns the refusal and its reason.</summary>
    /// <param name="order">The channel's order as the engine last saw it.</param>
    /// <param name="reason">The WMS's reason, as given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the channel has the answer.</returns>
    Task ReportOrderRefusedAsync(ChannelOrder order, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// The answer to a cancellation the channel asked for: <paramref name="cancelled"/> when the order is cancelled in the
    /// WMS or never reached it, otherwise the WMS refused (the order is already picked or shipped) and
    /// <paramref name="reason"/> says why.
    /// </summary>
    /// <param name="order">The cancelled channel order.</param>
    /// <param name="cancelled">Whether the order is cancelled on the warehouse side.</param>
    /// <param name="reason">Why not, or a note for the channel.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the channel has the answer.</returns>
    Task ReportCancellationAsync(ChannelOrder order, bool cancelled, string? reason, CancellationToken cancellationToken = default);
}

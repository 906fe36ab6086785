namespace Connectors;

/// <summary>The WMS's order intake, implemented by the host. Every call is idempotent on its key.</summary>
public interface IWarehouseOrders
{
    /// <summary>Submits a released order. A second call with the same key returns the first answer and creates nothing.</summary>
    /// <param name="order">The order in WMS terms.</param>
    /// <param name="idempotencyKey">Channel and order id; the same for every retry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted with the WMS reference, or refused with the reason.</returns>
    Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Replaces an order the WMS already has with a changed version.</summary>
    /// <param name="order">The changed order.</param>
    /// <param name="idempotencyKey">Channel, order id and version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, or refused (for example already picked).</returns>
    Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Cancels an order the WMS has.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="reason">Why, for the WMS operator.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted, or refused (for example already shipped).</returns>
    Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default);
}

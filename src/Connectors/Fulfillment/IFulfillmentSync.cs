namespace Connectors;

/// <summary>
/// The fulfilment and returns flow (WMS -> channel). Shipments, tracking changes and return receipts the host
/// publishes (directly or through <see cref="IConnectorEvents"/>) go into a durable outbox keyed by the WMS's own ids;
/// each dispatch pass sends them to the channel, so every one arrives exactly once across retries and restarts.
/// </summary>
public interface IFulfillmentSync
{
    /// <summary>Writes a shipment (full, partial, or one parcel of a split) to the outbox, keyed by its WMS shipment id.</summary>
    /// <param name="shipment">The shipment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when new; <see langword="false"/> when that shipment id was published before.</returns>
    Task<bool> PublishShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken = default);

    /// <summary>Writes a tracking change of a published shipment (new or corrected numbers, carrier, URLs) to the outbox.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelOrderId">The channel order id.</param>
    /// <param name="shipmentId">The WMS shipment id the fulfilment was created with.</param>
    /// <param name="tracking">The complete new tracking list.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when new; <see langword="false"/> when the same tracking was published before.</returns>
    Task<bool> PublishTrackingUpdateAsync(string channel, string channelOrderId, string shipmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default);

    /// <summary>Writes a WMS return receipt to the outbox; dispatch confirms the return on the channel (restock/refund per options).</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when new; <see langword="false"/> when that receipt id was published before.</returns>
    Task<bool> PublishReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken = default);

    /// <summary>One pass over the due outbox items (at most <see cref="Orders.OrderFlowOptions.OutboxBatchSize"/>).</summary>
    /// <param name="cancellationToken">Cancels the pass; items in hand stay leased and are picked up again later.</param>
    /// <returns>What the pass did.</returns>
    Task<WorkPassResult> ProcessOutboxAsync(CancellationToken cancellationToken = default);
}

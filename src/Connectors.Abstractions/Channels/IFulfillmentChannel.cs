namespace Connectors;

/// <summary>A channel that records shipments (carrier, tracking, lines) against its orders.</summary>
public interface IFulfillmentChannel : IChannel
{
    /// <summary>
    /// Creates a fulfilment for part or all of an order. Must be idempotent on
    /// <see cref="FulfillmentRequest.IdempotencyKey"/>: a retry returns the fulfilment created the first time.
    /// </summary>
    /// <param name="request">The fulfilment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fulfilment the channel recorded.</returns>
    Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lists the fulfilments of an order, for idempotency checks and reconciliation.</summary>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fulfilments.</returns>
    Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the tracking of an existing fulfilment (a tracking update).</summary>
    /// <param name="fulfillmentId">The channel's fulfilment id.</param>
    /// <param name="tracking">The new tracking.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the channel has it.</returns>
    Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default);
}

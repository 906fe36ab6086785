namespace Connectors;

/// <summary>A channel orders come from.</summary>
public interface IOrderChannel : IChannel
{
    /// <summary>
    /// Orders created or changed at or after <paramref name="updatedSince"/>, oldest change first, paging internally.
    /// The engine keeps the cursor and re-reads an overlap window, so duplicates here are harmless.
    /// </summary>
    /// <param name="updatedSince">The lower bound (inclusive) of the order's <see cref="ChannelOrder.UpdatedAt"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The orders.</returns>
    IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default);

    /// <summary>Fetches one order.</summary>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The order, or <see langword="null"/> when the channel does not know it.</returns>
    Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records on the channel that the warehouse received, holds or refused the order (a tag, note, metafield or
    /// status, whatever the platform offers). Idempotent: acknowledging twice leaves one mark.
    /// </summary>
    /// <param name="acknowledgement">The acknowledgement.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the channel has it.</returns>
    Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default);
}

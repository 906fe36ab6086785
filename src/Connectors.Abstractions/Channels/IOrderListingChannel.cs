namespace Connectors;

/// <summary>
/// An <see cref="IOrderChannel"/> whose listing hands over an order it cannot read (with its raw payload and where it
/// failed) instead of failing the whole page. Opt-in: the engine's poll uses it when a channel implements it, so one
/// unreadable order is dead-lettered while the rest of the page and the cursor go on; a channel that implements only
/// <see cref="IOrderChannel"/> keeps working as before.
/// </summary>
public interface IOrderListingChannel : IOrderChannel
{
    /// <summary>
    /// As <see cref="IOrderChannel.ListOrdersAsync"/>, but an order the channel cannot turn into a
    /// <see cref="ChannelOrder"/> is returned as an <see cref="OrderListingEntry.Unreadable"/> entry in its place.
    /// A failure of the page itself (HTTP error, a body that is not JSON) still throws.
    /// </summary>
    /// <param name="updatedSince">The lower bound (inclusive) of the order's <see cref="ChannelOrder.UpdatedAt"/>.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The orders, readable or not, oldest change first.</returns>
    IAsyncEnumerable<OrderListingEntry> ListOrderEntriesAsync(DateTimeOffset updatedSince, CancellationToken cancellationToken = default);
}

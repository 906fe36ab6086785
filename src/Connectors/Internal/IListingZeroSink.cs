namespace Connectors.Internal;

/// <summary>
/// The inventory engine's side of the listing action "zero": the items of a channel that show zero whatever the WMS
/// holds, kept in the engine so a later stock change does not push the WMS level back over the zero.
/// </summary>
internal interface IListingZeroSink
{
    /// <summary>
    /// Replaces the channel's zeroed items with <paramref name="channelItemIds"/> and recomputes the rows of every item
    /// that entered or left the set, so the dispatcher pushes zero (or the WMS level again).
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelItemIds">The items to show as zero from now on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the rows are stored.</returns>
    ValueTask SetZeroedItemsAsync(string channel, IReadOnlyCollection<string> channelItemIds, CancellationToken cancellationToken);
}

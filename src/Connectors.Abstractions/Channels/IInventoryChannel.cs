namespace Connectors;

/// <summary>A channel that shows stock quantities the engine pushes.</summary>
public interface IInventoryChannel : IChannel
{
    /// <summary>
    /// Sets the quantity of each target. The batch holds at most <see cref="ChannelCapabilities.MaxInventoryBatchSize"/>
    /// targets. Each target gets its own outcome; a whole-batch transport failure throws a <see cref="ConnectorException"/>
    /// whose <see cref="ConnectorException.IsTransient"/> says whether to retry.
    /// </summary>
    /// <param name="targets">The targets; absolute quantities, so a retry is idempotent.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>One result per target, in any order.</returns>
    Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default);

    /// <summary>Reads what the channel currently shows, for reconciliation. Pages internally.</summary>
    /// <param name="channelItemIds">The items to read, or <see langword="null"/> for every tracked item.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The levels, one per item and location.</returns>
    IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, CancellationToken cancellationToken = default);
}

namespace Connectors;

/// <summary>A channel whose items can be listed, so the mapping engine can match them to WMS SKUs.</summary>
public interface ICatalogChannel : IChannel
{
    /// <summary>Lists every item (variant, simple product, variation) the channel sells. Pages internally.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The items.</returns>
    IAsyncEnumerable<ChannelItem> ListItemsAsync(CancellationToken cancellationToken = default);
}

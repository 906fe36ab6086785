namespace Connectors;

/// <summary>Channel item &lt;-&gt; WMS SKU cross-reference, per channel instance.</summary>
public interface IItemResolver
{
    /// <summary>What a channel item is in WMS terms.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelItemId">The channel's item id.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The definition, or <see langword="null"/> when the item is not mapped.</returns>
    ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default);

    /// <summary>Every channel item whose availability depends on a SKU: the item itself, its packs and the bundles holding it.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="sku">The WMS SKU.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The definitions; empty when the SKU is not sold on the channel.</returns>
    ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default);

    /// <summary>Every mapped item of a channel, for a full sync.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The definitions.</returns>
    IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, CancellationToken cancellationToken = default);
}

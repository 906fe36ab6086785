namespace Connectors.Mapping.Catalog;

/// <summary>
/// Loads (and reloads) a channel's catalogue into the item resolver: each catalogue item without an explicit
/// mapping is matched by variant rules, then by SKU (when the profile's auto-matching is on). What cannot be matched
/// with certainty is reported in the result and left unmapped.
/// </summary>
public interface IItemCatalogLoader
{
    /// <summary>
    /// Lists the channel's catalogue through its <see cref="ICatalogChannel"/> and matches it; the WMS SKUs are the
    /// SKUs of the host's <see cref="IWarehouseInventory"/> snapshot when one is registered.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>What matched, what is ambiguous and what has no match.</returns>
    /// <exception cref="ConnectorException">The channel has no profile or does not implement <see cref="ICatalogChannel"/>.</exception>
    ValueTask<CatalogMatchResult> LoadAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>Matches the given catalogue items (for a host that lists them itself) and replaces the channel's previously loaded catalogue with them.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="items">The channel's catalogue.</param>
    /// <param name="wmsSkus">The WMS SKUs to match against; <see langword="null"/> takes the normalised channel SKU as the WMS SKU.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>What matched, what is ambiguous and what has no match.</returns>
    /// <exception cref="ConnectorException">The channel has no profile.</exception>
    ValueTask<CatalogMatchResult> MatchAsync(string channel, IAsyncEnumerable<ChannelItem> items, IReadOnlyCollection<string>? wmsSkus, CancellationToken cancellationToken = default);
}

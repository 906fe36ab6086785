namespace Connectors;

/// <summary>
/// A channel whose listings can be read with their status, for the listing report. Optional and narrow: a channel
/// implements it beside <see cref="ICatalogChannel"/> when its API says whether each item is buyable (Amazon
/// <c>searchListingsItems</c> summaries and issues, eBay <c>getOffers</c> with the listing status, Etsy
/// <c>getListingsByShop</c> with <c>state</c>, Shopify product status, WooCommerce product status and stock status).
/// </summary>
public interface IListingChannel : IChannel
{
    /// <summary>
    /// Lists every sellable item (variant, simple product, variation, offer) with its status, in any status, paging
    /// internally. Never buffers the catalogue: the report over 100,000 listings holds one page at a time.
    /// </summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The listings.</returns>
    IAsyncEnumerable<ChannelListing> ListListingsAsync(CancellationToken cancellationToken = default);
}

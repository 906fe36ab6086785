namespace Connectors;

/// <summary>
/// A channel whose listings can be taken down and put back up by the engine's listing actions. Optional and narrow;
/// setting a listing to zero needs no port (it goes through the inventory flow of an <see cref="IInventoryChannel"/>).
/// Every call is absolute (make inactive, make active), so a retry does nothing twice.
/// </summary>
public interface IListingActionChannel : IChannel
{
    /// <summary>
    /// Makes the listings not buyable by the seller's own choice (Shopify product <c>ARCHIVED</c>, WooCommerce <c>private</c>, eBay
    /// <c>withdrawOffer</c>, Etsy <c>state=inactive</c>). A platform whose status belongs to the whole listing rather
    /// than the variant documents what it does with a listing some of whose variants are not in the batch.
    /// </summary>
    /// <param name="listings">The listings, as the channel reported them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per listing, in any order.</returns>
    Task<IReadOnlyList<ListingActionResult>> DeactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sold-out listings buyable again now that the warehouse has stock. On some platforms this costs money (Etsy
    /// renews a <c>sold_out</c> listing set to <c>active</c> and charges the listing fee; eBay relists an ended listing
    /// as a new one); the engine calls it only when the channel opted in.
    /// </summary>
    /// <param name="listings">The listings, as the channel reported them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per listing, in any order.</returns>
    Task<IReadOnlyList<ListingActionResult>> ReactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default);
}

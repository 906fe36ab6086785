namespace Connectors;

/// <summary>
/// One sellable listing or variant as the channel shows it: the unit the listing report checks and the listing
/// actions act on. Immutable.
/// </summary>
public sealed record ChannelListing
{
    /// <summary>The id inventory pushes and order lines use for this item (a variant, a simple product, an offer's SKU).</summary>
    public required string ChannelItemId { get; init; }

    /// <summary>
    /// The listing the item belongs to, when the platform groups variants (Shopify product, WooCommerce parent product,
    /// Etsy <c>listing_id</c>, eBay <c>listingId</c>); <see langword="null"/> when the item is its own listing.
    /// </summary>
    public string? ListingId { get; init; }

    /// <summary>The SKU the channel shows, or <see langword="null"/> when it has none.</summary>
    public string? Sku { get; init; }

    /// <summary>The title shown to buyers, if the platform returns one.</summary>
    public string? Title { get; init; }

    /// <summary>Whether buyers can buy it, in the SDK's vocabulary.</summary>
    public required ListingStatus Status { get; init; }

    /// <summary>The platform's own status text (<c>sold_out</c>, <c>ARCHIVED</c>, <c>publish/outofstock</c>…), for people reading the report.</summary>
    public string? PlatformStatus { get; init; }

    /// <summary>Why the platform suppressed or flagged the listing (Amazon issue codes, eBay hold), if it said.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The quantity the channel shows, when the listing source reads it; <see langword="null"/> when unknown or not tracked.</summary>
    public int? Quantity { get; init; }
}

namespace Connectors;

/// <summary>
/// Whether buyers can buy a listing, in one vocabulary over the platforms. Each connector documents how its platform's
/// states map here and keeps the platform's own word in <see cref="ChannelListing.PlatformStatus"/>.
/// </summary>
public enum ListingStatus
{
    /// <summary>
    /// Buyable (Amazon <c>BUYABLE</c>, eBay <c>ACTIVE</c>, Etsy <c>active</c>, Shopify <c>ACTIVE</c> with stock or
    /// selling when out of stock, WooCommerce <c>publish</c> in or on backorder).
    /// </summary>
    Active = 0,

    /// <summary>
    /// Published once and taken down by the seller or by time (eBay <c>ENDED</c>/<c>INACTIVE</c>, Etsy <c>inactive</c> and
    /// <c>expired</c>, Shopify <c>ARCHIVED</c>, WooCommerce <c>private</c>).
    /// </summary>
    Inactive,

    /// <summary>Never published or not yet (eBay unpublished offer, Etsy <c>draft</c>, Shopify <c>DRAFT</c>, WooCommerce <c>draft</c>/<c>pending</c>).</summary>
    Draft,

    /// <summary>
    /// Taken down or hidden by the marketplace, not the seller (Amazon <c>LISTING_SUPPRESSED</c> or listed without
    /// <c>BUYABLE</c>, eBay <c>listingOnHold</c>); the reason is in <see cref="ChannelListing.StatusReason"/>.
    /// </summary>
    Suppressed,

    /// <summary>
    /// Published but not buyable for lack of stock (eBay <c>OUT_OF_STOCK</c>, Etsy <c>sold_out</c>, Shopify <c>ACTIVE</c>
    /// with nothing available and overselling denied, WooCommerce <c>publish</c> with <c>outofstock</c>). On some
    /// platforms making it active again costs a fee (Etsy renews the listing).
    /// </summary>
    SoldOut,
}

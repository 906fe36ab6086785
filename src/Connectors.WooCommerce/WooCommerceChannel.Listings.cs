using System.Runtime.CompilerServices;
using Connectors.WooCommerce.Internal.Dto;

namespace Connectors.WooCommerce;

/// <summary>Listings: the catalogue read with each item's status, for the listing report.</summary>
public sealed partial class WooCommerceChannel : IListingChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// The same items and ids as <see cref="ListItemsAsync"/>. Status: <c>publish</c> is
    /// <see cref="ListingStatus.Active"/>, or <see cref="ListingStatus.SoldOut"/> when <c>stock_status</c> is
    /// <c>outofstock</c> (<c>onbackorder</c> still sells); <c>private</c> is <see cref="ListingStatus.Inactive"/>;
    /// <c>draft</c>, <c>pending</c> and <c>future</c> are <see cref="ListingStatus.Draft"/>. A variation of a variable
    /// product that is not published takes the product's status, since buyers cannot reach it.
    /// <see cref="ChannelListing.PlatformStatus"/> is <c>status/stock_status</c> (<c>publish/outofstock</c>).
    /// </remarks>
    public async IAsyncEnumerable<ChannelListing> ListListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (itemId, product, parent) in EnumerateAllAsync(cancellationToken).ConfigureAwait(false))
        {
            LearnManaged(product.Id, product.ManageStock);
            var title = parent is not null && string.IsNullOrEmpty(product.Name) ? parent.Name : product.Name;
            var status = ListingStatusOf(product, parent);
            yield return new ChannelListing
            {
                ChannelItemId = itemId,
                ListingId = parent is null ? null : Id(parent.Id),
                Sku = string.IsNullOrEmpty(product.Sku) ? null : product.Sku,
                Title = title,
                Status = status,
                PlatformStatus = $"{(parent is not null && parent.Status != "publish" ? parent.Status : product.Status)}/{product.StockStatus}",
                Quantity = product.ManageStock == true ? product.StockQuantity : null,
            };
        }
    }

    internal static ListingStatus ListingStatusOf(WooProduct product, WooProduct? parent)
    {
        if (parent is not null && parent.Status is { } parentStatus && parentStatus != "publish")
        {
            return ByStatus(parentStatus, product.StockStatus);
        }

        return ByStatus(product.Status, product.StockStatus);
    }

    private static ListingStatus ByStatus(string? status, string? stockStatus) => status switch
    {
        "publish" => stockStatus == "outofstock" ? ListingStatus.SoldOut : ListingStatus.Active,
        "private" => ListingStatus.Inactive,

        // draft, pending (awaiting review), future (scheduled) and anything newer: not yet published.
        _ => ListingStatus.Draft,
    };
}

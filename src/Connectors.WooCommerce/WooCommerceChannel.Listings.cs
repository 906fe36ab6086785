using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.WooCommerce.Internal.Dto;

namespace Connectors.WooCommerce;

/// <summary>
/// Listings: the catalogue read with each item's status, for the listing report, and the listing actions (status
/// <c>private</c> to take a listing down, <c>publish</c> and <c>instock</c> to put a sold-out one back up).
/// </summary>
public sealed partial class WooCommerceChannel : IListingChannel, IListingActionChannel
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

    /// <inheritdoc />
    /// <remarks>
    /// Sets <c>status: private</c> on each product or variation, through the same <c>products/batch</c> and
    /// <c>products/{id}/variations/batch</c> path as stock (413 learnt and halved). Why <c>private</c>: it is the REST
    /// API's status for an item the merchant withdrew (a variation set <c>private</c> is a disabled variation; a private
    /// product is seen only by the shop's staff), and it reads back as <see cref="ListingStatus.Inactive"/>, so the next
    /// report neither finds it active nor takes it for a listing never published. <c>draft</c> would read back as
    /// unpublished work, and <c>catalog_visibility: hidden</c> only hides a product from the shop pages and search
    /// (buyers with the link can still buy it; variations have no such field). Per variation: a variable product's other
    /// variations stay on sale. A per-item error is <see cref="PushOutcome.Rejected"/> (a 429 or 5xx one
    /// <see cref="PushOutcome.Retry"/>); an answer showing another status is rejected naming it.
    /// </remarks>
    public Task<IReadOnlyList<ListingActionResult>> DeactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        ApplyListingStatusAsync(listings, reactivate: false, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Sets <c>status: publish</c> and <c>stock_status: instock</c>. No fee: WooCommerce charges nothing. Where the shop
    /// manages the item's stock it derives the stock status from the quantity and ignores the one sent, so a managed
    /// item at zero stays sold out until the inventory flow pushes the warehouse level; the answer then shows
    /// <c>outofstock</c> and the result is <see cref="PushOutcome.Retry"/> saying so (the next run finds it again if the
    /// push has not come). An item whose stock the shop does not manage is back on sale at once.
    /// </remarks>
    public Task<IReadOnlyList<ListingActionResult>> ReactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        ApplyListingStatusAsync(listings, reactivate: true, cancellationToken);

    private async Task<IReadOnlyList<ListingActionResult>> ApplyListingStatusAsync(IReadOnlyList<ChannelListing> listings, bool reactivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var results = new ListingActionResult[listings.Count];
        var groups = new Dictionary<long, List<(int Index, long Id)>>();
        for (var i = 0; i < listings.Count; i++)
        {
            var listing = listings[i];
            ArgumentNullException.ThrowIfNull(listing, nameof(listings));
            if (!WooCommerceChannelItemId.TryParse(listing.ChannelItemId, out var id))
            {
                results[i] = ListingActionResult.Rejected(listing.ChannelItemId, $"'{listing.ChannelItemId}' is not a WooCommerce item id ('123' or '123/456').");
                continue;
            }

            var key = id.IsVariation ? id.ProductId : 0;
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((i, id.IsVariation ? id.VariationId : id.ProductId));
        }

        var status = reactivate ? "publish" : "private";
        var batch = new BatchJob(
            (_, id) => new WooBatchUpdate { Id = id, Status = status, StockStatus = reactivate ? "instock" : null },
            (index, ex) => results[index] = new ListingActionResult
            {
                ChannelItemId = listings[index].ChannelItemId,
                Outcome = ex.IsTransient ? PushOutcome.Retry : PushOutcome.Rejected,
                Reason = ex.Message,
            },
            (index, id, path, item) => results[index] = ListingAnswer(listings[index].ChannelItemId, id, path, item, status, reactivate));
        await SendBatchesAsync(groups, batch, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private ListingActionResult ListingAnswer(string channelItemId, long id, string path, WooBatchItem? item, string status, bool reactivate)
    {
        if (item is null)
        {
            return new ListingActionResult { ChannelItemId = channelItemId, Outcome = PushOutcome.Retry, Reason = $"{path}: the answer holds no result for id {id}." };
        }

        if (item.Error is { } error)
        {
            var reason = $"{error.Message ?? "refused"} (id {id})";
            return new ListingActionResult
            {
                ChannelItemId = channelItemId,
                Outcome = error.Data?.Status is >= 500 or 429 ? PushOutcome.Retry : PushOutcome.Rejected,
                Reason = reason,
            };
        }

        LearnManaged(id, item.ManageStock);
        if (!string.Equals(item.Status, status, StringComparison.Ordinal))
        {
            return ListingActionResult.Rejected(channelItemId, $"{path}: id {id} was sent status '{status}' but the shop answered '{item.Status}'.");
        }

        if (reactivate && item.StockStatus == "outofstock")
        {
            return new ListingActionResult
            {
                ChannelItemId = channelItemId,
                Outcome = PushOutcome.Retry,
                Reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}: id {id} is published but still out of stock: the shop manages its stock (quantity {item.StockQuantity}), so it is back on sale once the inventory flow pushes the warehouse level."),
            };
        }

        return ListingActionResult.Applied(channelItemId);
    }
}

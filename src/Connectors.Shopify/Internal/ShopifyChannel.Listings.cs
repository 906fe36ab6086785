using System.Runtime.CompilerServices;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Listings for the listing report: the catalogue read (<c>productVariants</c>) with the product's status and the
/// variant's sellable quantity and inventory policy.
/// </summary>
internal sealed partial class ShopifyChannel : IListingChannel
{
    /// <summary>
    /// Every variant with an inventory item, with the ids <see cref="ListItemsAsync"/> uses (the InventoryItem GID) and
    /// its product's GID as <see cref="ChannelListing.ListingId"/>. Status: product <c>ACTIVE</c> (and <c>UNLISTED</c>,
    /// buyable through a direct link) is <see cref="ListingStatus.Active"/>, or <see cref="ListingStatus.SoldOut"/> when
    /// the variant tracks inventory, denies overselling and has no sellable quantity; <c>DRAFT</c> is
    /// <see cref="ListingStatus.Draft"/>; <c>ARCHIVED</c> is <see cref="ListingStatus.Inactive"/>. Shopify states
    /// publication to sales channels apart from the status; the report does not read it.
    /// </summary>
    public async IAsyncEnumerable<ChannelListing> ListListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var variant in ListVariantsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (variant.InventoryItem?.Id is not { } itemId)
            {
                continue;
            }

            var tracked = variant.InventoryItem.Tracked ?? true;
            yield return new ChannelListing
            {
                ChannelItemId = itemId,
                ListingId = variant.Product?.Id,
                Sku = string.IsNullOrWhiteSpace(variant.Sku) ? null : variant.Sku,
                Title = variant.DisplayName ?? variant.Title,
                Status = ListingStatusOf(variant.Product?.Status, tracked, variant.InventoryPolicy, variant.InventoryQuantity),
                PlatformStatus = variant.Product?.Status,
                Quantity = tracked ? variant.InventoryQuantity : null,
            };
        }
    }

    internal static ListingStatus ListingStatusOf(string? productStatus, bool tracked, string? inventoryPolicy, int? quantity) => productStatus switch
    {
        "DRAFT" => ListingStatus.Draft,
        "ARCHIVED" => ListingStatus.Inactive,
        _ when tracked && inventoryPolicy != "CONTINUE" && quantity is <= 0 => ListingStatus.SoldOut,

        // ACTIVE, UNLISTED, and a status newer than this package: sellable as far as the package can tell.
        _ => ListingStatus.Active,
    };
}

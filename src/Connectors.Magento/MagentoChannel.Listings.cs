using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Listings: every sellable product with its status, visibility and stock status, for the listing report.</summary>
public sealed partial class MagentoChannel : IListingChannel
{
    private const int StatusEnabled = 1;
    private const int NotVisibleIndividually = 1;

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Two passes over <c>GET /V1/products</c>, one page at a time: the configurable products (their children, their
    /// enabled state), then every product by id. Listed: simple, virtual, downloadable and bundle products and configurable
    /// children (with the configurable's SKU as <see cref="ChannelListing.ListingId"/>); configurable and grouped products
    /// are containers and not listed themselves. Magento requires a unique SKU on every product, so the report's no-SKU and
    /// duplicate-SKU problems cannot occur here.
    /// </para>
    /// <para>
    /// Status: <c>status</c> 2 (disabled) is <see cref="ListingStatus.Inactive"/>; so is a child of a disabled configurable,
    /// and a product that is neither a configurable child nor visible (<c>visibility</c> 1, "Not Visible Individually":
    /// buyers cannot reach it). An enabled, reachable product whose stock item says <c>is_in_stock</c> false is
    /// <see cref="ListingStatus.SoldOut"/>; otherwise <see cref="ListingStatus.Active"/>. <see cref="ChannelListing.PlatformStatus"/>
    /// reads like <c>enabled, visibility 4, in stock</c>. <see cref="ChannelListing.Quantity"/> is not read (the salable
    /// quantity is one request per SKU).
    /// </para>
    /// </remarks>
    public async IAsyncEnumerable<ChannelListing> ListListingsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pageSize = _client.Options.PageSize;
        var parentOf = new Dictionary<long, (string Sku, bool Enabled)>();
        var configurables = new SearchCriteria { PageSize = pageSize }.Where("type_id", "eq", MagentoMapper.Configurable).OrderBy("entity_id");
        await foreach (var product in _client.SearchAsync("products", configurables, MagentoJsonContext.Default.SearchResultProduct, cancellationToken).ConfigureAwait(false))
        {
            foreach (var child in product.ExtensionAttributes?.ConfigurableProductLinks ?? [])
            {
                if (product.Sku is not null)
                {
                    parentOf.TryAdd(child, (product.Sku, product.Status == StatusEnabled));
                }
            }
        }

        var all = new SearchCriteria { PageSize = pageSize }.OrderBy("entity_id");
        await foreach (var product in _client.SearchAsync("products", all, MagentoJsonContext.Default.SearchResultProduct, cancellationToken).ConfigureAwait(false))
        {
            var type = product.TypeId ?? "simple";
            if (type is MagentoMapper.Configurable or "grouped")
            {
                continue;
            }

            var enabled = product.Status == StatusEnabled;
            var visibility = product.Visibility ?? 4;
            var inStock = product.ExtensionAttributes?.StockItem?.IsInStock;
            var hasParent = parentOf.TryGetValue(product.Id, out var parent);
            var (status, reason) = (enabled, hasParent) switch
            {
                (false, _) => (ListingStatus.Inactive, "disabled in Magento (status 2)"),
                (true, true) when !parent.Enabled => (ListingStatus.Inactive, $"its configurable product '{parent.Sku}' is disabled"),
                (true, false) when visibility == NotVisibleIndividually => (ListingStatus.Inactive, "not visible individually (visibility 1) and not a configurable option"),
                _ when inStock == false => (ListingStatus.SoldOut, (string?)null),
                _ => (ListingStatus.Active, (string?)null),
            };
            yield return new ChannelListing
            {
                ChannelItemId = product.Sku ?? product.Id.ToString(CultureInfo.InvariantCulture),
                ListingId = hasParent ? parent.Sku : null,
                Sku = string.IsNullOrEmpty(product.Sku) ? null : product.Sku,
                Title = product.Name,
                Status = status,
                StatusReason = reason,
                PlatformStatus = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(enabled ? "enabled" : "disabled")}, visibility {visibility}{(inStock is { } s ? s ? ", in stock" : ", out of stock" : string.Empty)}"),
            };
        }
    }
}

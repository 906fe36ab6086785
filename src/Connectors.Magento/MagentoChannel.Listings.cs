using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>
/// Listings: every sellable product with its status, visibility and stock status, for the listing report; and the listing
/// actions (<c>status</c> 2 to take a product down, 1 to put it back up).
/// </summary>
public sealed partial class MagentoChannel : IListingChannel, IListingActionChannel
{
    private const int StatusEnabled = 1;
    private const int StatusDisabled = 2;

    // SKUs read back per search (ORed sku filters in one group): a query string well under common URL limits.
    private const int ListingActionChunk = 50;
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

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Sets <c>status</c> 2 (disabled) with <c>PUT /V1/products/{sku}</c> and a body of the SKU and the status only, in the
    /// scope of <see cref="MagentoOptions.ListingStatusStoreCode"/> (default <c>all</c>, the default value every store view
    /// without its own value uses). Disabled is Magento's own "taken off sale" state: the product leaves the storefront and
    /// cannot be bought, and the listing reader reads it back as <see cref="ListingStatus.Inactive"/>. Per product: a
    /// configurable child disabled takes that option off sale and leaves its siblings on sale.
    /// </para>
    /// <para>
    /// Before writing, the products are read in the channel's store view (<c>GET /V1/products</c>, ORed <c>sku</c> filters,
    /// 50 SKUs a search), because a <c>PUT</c> to a SKU Magento does not know would create a product: an unknown SKU is
    /// <see cref="PushOutcome.Rejected"/> without a write. A product already disabled there is not saved again (every product
    /// save reindexes it and flushes its caches). Products are saved one at a time; then read back in the channel's store
    /// view, and one that still shows enabled (a store-view value of its own overrides the default value written) is
    /// rejected naming the scope. A failed save is <see cref="PushOutcome.Retry"/> when transient, else rejected with
    /// Magento's message.
    /// </para>
    /// </remarks>
    public Task<IReadOnlyList<ListingActionResult>> DeactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        ApplyListingStatusAsync(listings, StatusDisabled, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Sets <c>status</c> 1 (enabled) the same way (same scope, same checks). No fee: Magento charges nothing. A sold-out
    /// Magento listing is an enabled product whose stock item is out of stock, and where Magento manages the product's stock
    /// the stock status follows the source quantity (MSI sets a source item out of stock at zero): no status call puts it
    /// back on sale, only the inventory flow's push of the warehouse level does. Until then the product reads back out of
    /// stock and the result is <see cref="PushOutcome.Retry"/> saying so (the next run finds it again if the push has not
    /// come). A product whose stock Magento does not manage, or which reads back in stock, is <see cref="PushOutcome.Applied"/>.
    /// </remarks>
    public Task<IReadOnlyList<ListingActionResult>> ReactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        ApplyListingStatusAsync(listings, StatusEnabled, cancellationToken);

    private async Task<IReadOnlyList<ListingActionResult>> ApplyListingStatusAsync(IReadOnlyList<ChannelListing> listings, int status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var results = new ListingActionResult?[listings.Count];
        var bySku = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < listings.Count; i++)
        {
            var listing = listings[i];
            ArgumentNullException.ThrowIfNull(listing, nameof(listings));
            if (string.IsNullOrWhiteSpace(listing.ChannelItemId))
            {
                results[i] = ListingActionResult.Rejected(listing.ChannelItemId, "The listing has no Magento SKU (its channel item id is empty).");
                continue;
            }

            if (!bySku.TryGetValue(listing.ChannelItemId, out var indexes))
            {
                bySku[listing.ChannelItemId] = indexes = [];
            }

            indexes.Add(i);
        }

        var scope = _client.Options.ListingStatusStoreCode;
        foreach (var chunk in bySku.Keys.Chunk(ListingActionChunk))
        {
            var verdicts = await ApplyChunkAsync(chunk, status, scope, cancellationToken).ConfigureAwait(false);
            foreach (var (sku, (outcome, reason)) in verdicts)
            {
                foreach (var index in bySku[sku])
                {
                    results[index] = new ListingActionResult { ChannelItemId = listings[index].ChannelItemId, Outcome = outcome, Reason = reason };
                }
            }
        }

        return results.Select(r => r!).ToList();
    }

    private async Task<Dictionary<string, (PushOutcome Outcome, string? Reason)>> ApplyChunkAsync(string[] skus, int status, string scope, CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<string, (PushOutcome, string?)>(StringComparer.Ordinal);
        Dictionary<string, Product> before;
        try
        {
            before = await ReadProductsAsync(skus, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            foreach (var sku in skus)
            {
                verdicts[sku] = (ex.IsTransient ? PushOutcome.Retry : PushOutcome.Rejected, $"reading the products before the status change failed: {ex.Message}");
            }

            return verdicts;
        }

        var written = new List<string>();
        foreach (var sku in skus)
        {
            if (!before.TryGetValue(sku, out var product))
            {
                // A PUT would create a product under this SKU; the listing is gone from Magento, nothing to change.
                verdicts[sku] = (PushOutcome.Rejected, $"Magento has no product with SKU '{sku}' (deleted since the listing was read?); nothing was written.");
                continue;
            }

            if (product.Status == status)
            {
                verdicts[sku] = Judge(product, status, scope);
                continue;
            }

            try
            {
                var request = new ProductStatusRequest { Product = new ProductStatusChange { Sku = sku, Status = status } };
                await _client.SendInStoreAsync(
                    scope, HttpMethod.Put, "products/" + Uri.EscapeDataString(sku), request, MagentoJsonContext.Default.ProductStatusRequest, MagentoJsonContext.Default.Product, cancellationToken).ConfigureAwait(false);
                written.Add(sku);
            }
            catch (ConnectorException ex)
            {
                verdicts[sku] = (ex.IsTransient ? PushOutcome.Retry : PushOutcome.Rejected, $"PUT products/{sku} (status {status}, scope '{scope}'): {ex.Message}");
            }
        }

        if (written.Count == 0)
        {
            return verdicts;
        }

        // Read back in the channel's store view: what buyers of this channel see, overrides included.
        Dictionary<string, Product> after;
        try
        {
            after = await ReadProductsAsync(written, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            foreach (var sku in written)
            {
                verdicts[sku] = (PushOutcome.Retry, $"status {status} was written but reading it back failed: {ex.Message}");
            }

            return verdicts;
        }

        foreach (var sku in written)
        {
            verdicts[sku] = after.TryGetValue(sku, out var product)
                ? Judge(product, status, scope)
                : (PushOutcome.Retry, $"status {status} was written but the product '{sku}' was not found reading it back.");
        }

        return verdicts;
    }

    private (PushOutcome Outcome, string? Reason) Judge(Product product, int status, string scope)
    {
        var storeCode = _client.Options.StoreCode;
        if (product.Status != status)
        {
            return (PushOutcome.Rejected, string.Create(
                CultureInfo.InvariantCulture,
                $"'{product.Sku}' was saved with status {status} in scope '{scope}', but store view '{storeCode}' still shows status {product.Status}: the store view has a status value of its own (set \"Use Default Value\" on the product in that store view, or set ListingStatusStoreCode to '{storeCode}')."));
        }

        if (status == StatusEnabled && product.ExtensionAttributes?.StockItem is { IsInStock: false, ManageStock: not false })
        {
            return (PushOutcome.Retry, $"'{product.Sku}' is enabled but still out of stock: Magento manages its stock and derives the stock status from the source quantity, so it is back on sale once the inventory flow pushes the warehouse level.");
        }

        return (PushOutcome.Applied, null);
    }

    private async Task<Dictionary<string, Product>> ReadProductsAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var criteria = new SearchCriteria { PageSize = ListingActionChunk }.WhereAny([.. skus.Select(s => ("sku", "eq", s))]);
        // Magento's SKU index is case-insensitive (MySQL collation): the search finds "abc" for "ABC".
        var products = new Dictionary<string, Product>(StringComparer.OrdinalIgnoreCase);
        await foreach (var product in _client.SearchAsync("products", criteria, MagentoJsonContext.Default.SearchResultProduct, cancellationToken).ConfigureAwait(false))
        {
            if (product.Sku is not null)
            {
                products.TryAdd(product.Sku, product);
            }
        }

        return products;
    }
}

using System.Globalization;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// The listing actions: product status <c>ARCHIVED</c> to take a listing down, <c>ACTIVE</c> to put one back up
/// (<c>productUpdate</c>). Shopify keeps the status on the product, so it speaks for every variant: a status is written
/// only when every variant of the product is in the batch, otherwise the listings are refused naming the others.
/// </summary>
internal sealed partial class ShopifyChannel : IListingActionChannel
{
    /// <summary>Other variants named in a refusal; the rest are counted.</summary>
    private const int NamedOtherVariants = 10;

    /// <summary>
    /// Sets the product's status to <c>ARCHIVED</c> ("no longer being sold and isn't available to customers on sales
    /// channels and apps", the schema's <c>ProductStatus</c>), which the listing reader reads back as
    /// <see cref="ListingStatus.Inactive"/>. Not <c>DRAFT</c> (it would read back as a product never published), and not
    /// <c>publishableUnpublish</c> (the product would stay <c>ACTIVE</c>, buyable on every channel it is still published
    /// to and through the API, and the report would still find it active). The status belongs to the product: when the
    /// product has a variant that is not in the batch, nothing is written and each listing of the product is
    /// <see cref="PushOutcome.Rejected"/> naming the other variants (zero it instead, or discontinue those too, or archive
    /// the product in Shopify). The engine keeps the listings of one product in one batch. A product already
    /// <c>ARCHIVED</c> or <c>DRAFT</c> is not buyable and is not written. <c>userErrors</c> reject the product's listings
    /// with Shopify's messages; a failed call is <see cref="PushOutcome.Retry"/> when transient.
    /// </summary>
    public Task<IReadOnlyList<ListingActionResult>> DeactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        ApplyListingStatusAsync(listings, reactivate: false, cancellationToken);

    /// <summary>
    /// A sold-out Shopify listing is an <c>ACTIVE</c> (or <c>UNLISTED</c>) product whose variant tracks its inventory,
    /// denies overselling and has nothing to sell, so there is no status to change: nothing is written and the listing is
    /// <see cref="PushOutcome.Retry"/> until the inventory flow has pushed the warehouse level (the next run tries again),
    /// then <see cref="PushOutcome.Applied"/>. <c>UNLISTED</c> stays unlisted (it sells through its link). Only a product
    /// set <c>DRAFT</c> or <c>ARCHIVED</c> since the report is set <c>ACTIVE</c>, under the same every-variant rule as
    /// <see cref="DeactivateListingsAsync"/>. No fee: Shopify charges nothing for a status change.
    /// </summary>
    public Task<IReadOnlyList<ListingActionResult>> ReactivateListingsAsync(IReadOnlyList<ChannelListing> listings, CancellationToken cancellationToken = default) =>
        ApplyListingStatusAsync(listings, reactivate: true, cancellationToken);

    private async Task<IReadOnlyList<ListingActionResult>> ApplyListingStatusAsync(IReadOnlyList<ChannelListing> listings, bool reactivate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listings);
        var results = new ListingActionResult?[listings.Count];
        var byProduct = new Dictionary<string, List<(int Index, string Item)>>(StringComparer.Ordinal);
        for (var i = 0; i < listings.Count; i++)
        {
            var listing = listings[i];
            ArgumentNullException.ThrowIfNull(listing, nameof(listings));
            var item = ShopifyIds.Normalise(listing.ChannelItemId, ShopifyIds.InventoryItem);
            if (item is null)
            {
                results[i] = ListingActionResult.Rejected(listing.ChannelItemId, $"'{listing.ChannelItemId}' is not an InventoryItem GID or numeric id.");
                continue;
            }

            var product = listing.ListingId is { } listingId ? ShopifyIds.Normalise(listingId, ShopifyIds.Product) : null;
            if (product is null)
            {
                results[i] = ListingActionResult.Rejected(
                    listing.ChannelItemId,
                    $"Listing '{listing.ChannelItemId}' names no product (ListingId '{listing.ListingId}' is not a Product GID); pass the listing as ListListingsAsync reported it.");
                continue;
            }

            if (!byProduct.TryGetValue(product, out var members))
            {
                byProduct[product] = members = [];
            }

            members.Add((i, item));
        }

        var products = byProduct.ToArray();
        var outcomes = new List<(int Index, ListingActionResult Result)>[products.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, products.Length),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentInventoryCalls, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await ApplyProductStatusAsync(products[index].Key, products[index].Value, listings, reactivate, token).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var (index, result) in outcomes.SelectMany(o => o))
        {
            results[index] = result;
        }

        return [.. results.Select((r, i) => r ?? new ListingActionResult
        {
            ChannelItemId = listings[i].ChannelItemId,
            Outcome = PushOutcome.Retry,
            Reason = "Not judged: the shop's answers did not cover the listing.",
        })];
    }

    /// <summary>Reads one product with its variants, writes its status when the rules allow, and judges its listings.</summary>
    private async Task<List<(int Index, ListingActionResult Result)>> ApplyProductStatusAsync(
        string productId, List<(int Index, string Item)> members, IReadOnlyList<ChannelListing> listings, bool reactivate, CancellationToken cancellationToken)
    {
        var outcomes = new List<(int Index, ListingActionResult Result)>(members.Count);
        void All(IEnumerable<(int Index, string Item)> which, Func<string, ListingActionResult> result) =>
            outcomes.AddRange(which.Select(m => (m.Index, result(listings[m.Index].ChannelItemId))));

        try
        {
            var (data, _) = await _client.SendPageAsync(
                GraphDocuments.ProductListingStatus,
                n => new ProductListingStatusVariables(productId, n),
                ShopifyJsonContext.Default.ProductListingStatusVariables,
                ShopifyJsonContext.Default.GraphResponseProductListingStatusData,
                250,
                cancellationToken).ConfigureAwait(false);
            if (data.Product is not { } product)
            {
                All(members, id => ListingActionResult.Rejected(id, $"Product {productId} is not in the shop (deleted, or the app cannot read it)."));
                return outcomes;
            }

            var variants = await AllNodesAsync(
                product.Variants,
                GraphDocuments.ProductListingStatus,
                $"product {productId}",
                (n, after) => new ProductListingStatusVariables(productId, n, after),
                ShopifyJsonContext.Default.ProductListingStatusVariables,
                ShopifyJsonContext.Default.GraphResponseProductListingStatusData,
                d => d.Product?.Variants,
                cancellationToken).ConfigureAwait(false);
            var byItem = new Dictionary<string, VariantNode>(StringComparer.Ordinal);
            foreach (var variant in NonNullNodes(variants, GraphDocuments.ProductListingStatus))
            {
                if (variant.InventoryItem?.Id is { } item)
                {
                    byItem.TryAdd(item, variant);
                }
            }

            var found = new List<(int Index, string Item)>(members.Count);
            foreach (var member in members)
            {
                if (byItem.ContainsKey(member.Item))
                {
                    found.Add(member);
                }
                else
                {
                    outcomes.Add((member.Index, ListingActionResult.Rejected(
                        listings[member.Index].ChannelItemId,
                        $"Inventory item {member.Item} is not a variant of product {productId} (the variant was deleted or moved since the report).")));
                }
            }

            if (found.Count == 0)
            {
                return outcomes;
            }

            var target = reactivate ? "ACTIVE" : "ARCHIVED";
            var write = reactivate
                ? product.Status is "DRAFT" or "ARCHIVED"
                : product.Status is not ("DRAFT" or "ARCHIVED");
            if (write)
            {
                var inBatch = members.Select(m => m.Item).ToHashSet(StringComparer.Ordinal);
                var others = byItem.Where(v => !inBatch.Contains(v.Key)).Select(v => v.Value).ToList();
                if (others.Count > 0)
                {
                    var reason = OtherVariantsReason(productId, product.Status, target, others, reactivate);
                    All(found, id => ListingActionResult.Rejected(id, reason));
                    return outcomes;
                }

                var refusal = await WriteProductStatusAsync(productId, target, cancellationToken).ConfigureAwait(false);
                if (refusal is not null)
                {
                    All(found, id => refusal(id));
                    return outcomes;
                }
            }

            foreach (var (index, item) in found)
            {
                var variant = byItem[item];
                var id = listings[index].ChannelItemId;
                if (reactivate && ListingStatusOf("ACTIVE", variant.InventoryItem?.Tracked ?? true, variant.InventoryPolicy, variant.InventoryQuantity) == ListingStatus.SoldOut)
                {
                    outcomes.Add((index, new ListingActionResult
                    {
                        ChannelItemId = id,
                        Outcome = PushOutcome.Retry,
                        Reason = string.Create(
                            CultureInfo.InvariantCulture,
                            $"Variant {variant.Id} of product {productId} is {(write ? target : product.Status)} but still sold out (tracked, inventory policy {variant.InventoryPolicy ?? "DENY"}, quantity {variant.InventoryQuantity}): it is back on sale once the inventory flow pushes the warehouse level."),
                    }));
                }
                else
                {
                    outcomes.Add((index, ListingActionResult.Applied(id)));
                }
            }
        }
        catch (ConnectorException ex) when (!cancellationToken.IsCancellationRequested)
        {
            outcomes.Clear();
            All(members, id => new ListingActionResult { ChannelItemId = id, Outcome = ex.IsTransient ? PushOutcome.Retry : PushOutcome.Rejected, Reason = ex.Message });
        }

        return outcomes;
    }

    /// <summary>Sends <c>productUpdate</c> with the status; null when the answer shows it, otherwise the result for each listing.</summary>
    private async Task<Func<string, ListingActionResult>?> WriteProductStatusAsync(string productId, string status, CancellationToken cancellationToken)
    {
        var data = await _client.SendAsync(
            GraphDocuments.ProductStatusUpdate,
            new ProductStatusUpdateVariables(new ProductStatusInput(productId, status)),
            ShopifyJsonContext.Default.ProductStatusUpdateVariables,
            ShopifyJsonContext.Default.GraphResponseProductStatusUpdateData,
            cancellationToken).ConfigureAwait(false);
        var payload = data.ProductUpdate
            ?? throw new ShopifyGraphQLException(GraphDocuments.ProductStatusUpdate, "the answer has no productUpdate payload.", null, null, null, isTransient: true);
        if (payload.UserErrors is { Count: > 0 } errors)
        {
            var reason = $"productUpdate refused status {status} for product {productId}: "
                + string.Join("; ", errors.Select(e => $"{e.Message ?? "refused"} (field {string.Join('.', e.Field ?? [])})"));
            return id => ListingActionResult.Rejected(id, reason);
        }

        if (!string.Equals(payload.Product?.Status, status, StringComparison.Ordinal))
        {
            var reason = $"productUpdate was sent status {status} for product {productId} but answered '{payload.Product?.Status}'.";
            return id => ListingActionResult.Rejected(id, reason);
        }

        return null;
    }

    private static string OtherVariantsReason(string productId, string? status, string target, List<VariantNode> others, bool reactivate)
    {
        var named = string.Join(", ", others.Take(NamedOtherVariants).Select(v => $"{(string.IsNullOrWhiteSpace(v.Sku) ? "(no SKU)" : v.Sku)} ({v.Id})"));
        var more = others.Count > NamedOtherVariants ? string.Create(CultureInfo.InvariantCulture, $" and {others.Count - NamedOtherVariants} more") : string.Empty;
        var count = others.Count.ToString(CultureInfo.InvariantCulture);
        return reactivate
            ? $"Product {productId} is {status}; Shopify's status belongs to the product, so setting it {target} would also put on sale its {count} other variant(s) not being reactivated: {named}{more}. Reactivate them together, or set the product active in Shopify."
            : $"Shopify's status belongs to the product, so setting product {productId} {target} would also take down its {count} other variant(s) not being deactivated: {named}{more}. Set this listing to zero instead (ZeroDiscontinued), discontinue the other variants too, or archive the product in Shopify.";
    }
}

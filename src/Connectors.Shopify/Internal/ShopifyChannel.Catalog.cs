using System.Text;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    // SKUs per search query: keeps the query string short; each is one "sku:" term joined with OR.
    private const int SkusPerQuery = 50;

    /// <summary>
    /// Finds the variants with these SKUs without listing the catalogue: <c>productVariants(query: "sku:… OR sku:…")</c>,
    /// paged, then filtered to exact SKU equality (Shopify's search may match more loosely).
    /// </summary>
    public async Task<IReadOnlyList<ChannelItem>> FindItemsBySkuAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var wanted = skus.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToArray();
        var found = new List<ChannelItem>();
        foreach (var batch in wanted.Chunk(SkusPerQuery))
        {
            var search = string.Join(" OR ", batch.Select(SkuTerm));
            var exact = new HashSet<string>(batch, StringComparer.Ordinal);
            string? after = null;
            do
            {
                var cursor = after;
                var (data, _) = await _client.SendPageAsync(
                    GraphDocuments.ProductVariants,
                    n => new ProductVariantsVariables(n, cursor, search),
                    ShopifyJsonContext.Default.ProductVariantsVariables,
                    ShopifyJsonContext.Default.GraphResponseProductVariantsData,
                    _client.Options.CatalogPageSize,
                    cancellationToken).ConfigureAwait(false);
                foreach (var variant in NonNullNodes(data.ProductVariants?.Nodes, "ProductVariants"))
                {
                    if (variant.Sku is { } sku && exact.Contains(sku) && ToChannelItem(variant) is { } item)
                    {
                        found.Add(item);
                    }
                }

                after = data.ProductVariants?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
            }
            while (after is not null);
        }

        return found;
    }

    /// <summary>One <c>sku:"…"</c> search term; quotes and backslashes inside the value are escaped with a backslash.</summary>
    internal static string SkuTerm(string sku)
    {
        var text = new StringBuilder("sku:\"", sku.Length + 7);
        foreach (var c in sku)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('"').ToString();
    }

    private static ChannelItem? ToChannelItem(VariantNode variant)
    {
        if (variant.InventoryItem?.Id is not { } itemId)
        {
            return null;
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["shopify.variantId"] = variant.Id };
        if (variant.Product?.Id is { } productId)
        {
            attributes["shopify.productId"] = productId;
        }

        return new ChannelItem
        {
            ChannelItemId = itemId,
            Sku = variant.Sku,
            Title = variant.DisplayName ?? variant.Title,
            ParentId = variant.Id,
            Attributes = attributes,
            TracksInventory = variant.InventoryItem.Tracked ?? true,
        };
    }
}

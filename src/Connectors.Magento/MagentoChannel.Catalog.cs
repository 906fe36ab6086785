using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Catalogue: products paged with <c>searchCriteria</c>, configurable children linked to their parent.</summary>
public sealed partial class MagentoChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// Two passes over <c>GET /V1/products</c>: the configurable products first (their
    /// <c>configurable_product_links</c> give each child its parent), then every product sorted by id. Item ids are SKUs; a
    /// child's <see cref="ChannelItem.ParentId"/> is its configurable's SKU; composite products (configurable, bundle,
    /// grouped) do not track inventory. The attributes hold <c>product_id</c> and <c>type_id</c>.
    /// </remarks>
    public async IAsyncEnumerable<ChannelItem> ListItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var pageSize = _client.Options.PageSize;
        var parentOf = new Dictionary<long, string>();
        var configurables = new SearchCriteria { PageSize = pageSize }.Where("type_id", "eq", MagentoMapper.Configurable).OrderBy("entity_id");
        await foreach (var product in _client.SearchAsync("products", configurables, MagentoJsonContext.Default.SearchResultProduct, cancellationToken).ConfigureAwait(false))
        {
            foreach (var child in product.ExtensionAttributes?.ConfigurableProductLinks ?? [])
            {
                if (product.Sku is not null)
                {
                    parentOf.TryAdd(child, product.Sku);
                }
            }
        }

        var all = new SearchCriteria { PageSize = pageSize }.OrderBy("entity_id");
        await foreach (var product in _client.SearchAsync("products", all, MagentoJsonContext.Default.SearchResultProduct, cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(product.Sku))
            {
                continue;
            }

            var type = product.TypeId ?? "simple";
            yield return new ChannelItem
            {
                ChannelItemId = product.Sku,
                Sku = product.Sku,
                Title = product.Name,
                ParentId = parentOf.GetValueOrDefault(product.Id),
                Attributes = new Dictionary<string, string>
                {
                    ["product_id"] = product.Id.ToString(CultureInfo.InvariantCulture),
                    ["type_id"] = type,
                },
                TracksInventory = type is not (MagentoMapper.Configurable or MagentoMapper.Bundle or "grouped"),
            };
        }
    }
}

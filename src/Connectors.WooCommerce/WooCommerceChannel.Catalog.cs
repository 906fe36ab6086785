using System.Runtime.CompilerServices;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>Catalog: products and the variations of variable products, paged.</summary>
public sealed partial class WooCommerceChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// Simple (and other non-variable) products come as <c>"123"</c>, each variation of a variable product as
    /// <c>"123/456"</c> with <see cref="ChannelItem.ParentId"/> set; the variable product itself is not sellable and is
    /// not listed. Grouped and external products do not track inventory.
    /// </remarks>
    public async IAsyncEnumerable<ChannelItem> ListItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (itemId, product, parent) in EnumerateAllAsync(cancellationToken).ConfigureAwait(false))
        {
            LearnManaged(product.Id, product.ManageStock);
            var attributes = product.Attributes
                .Where(a => !string.IsNullOrEmpty(a.Name) && a.Option is not null)
                .GroupBy(a => a.Name!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Option!, StringComparer.Ordinal);
            var tracks = product.Type is not ("grouped" or "external") && product.ManageStock != false;
            var title = parent is not null && string.IsNullOrEmpty(product.Name) ? parent.Name : product.Name;
            yield return new ChannelItem
            {
                ChannelItemId = itemId,
                Sku = string.IsNullOrEmpty(product.Sku) ? null : product.Sku,
                Title = title,
                ParentId = parent is null ? null : Id(parent.Id),
                Attributes = attributes.Count == 0 ? null : attributes,
                TracksInventory = tracks,
            };
        }
    }

    private async IAsyncEnumerable<(string ItemId, WooProduct Product)> EnumerateSellableAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (itemId, product, _) in EnumerateAllAsync(cancellationToken).ConfigureAwait(false))
        {
            LearnManaged(product.Id, product.ManageStock);
            yield return (itemId, product);
        }
    }

    private async IAsyncEnumerable<(string ItemId, WooProduct Product, WooProduct? Parent)> EnumerateAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var product in _client.PageAsync("products?orderby=id&order=asc", WooJsonContext.Default.ListWooProduct, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(product.Type, "variable", StringComparison.Ordinal))
            {
                yield return (Id(product.Id), product, null);
                continue;
            }

            await foreach (var variation in _client.PageAsync($"products/{Id(product.Id)}/variations?orderby=id&order=asc", WooJsonContext.Default.ListWooProduct, cancellationToken).ConfigureAwait(false))
            {
                yield return (WooMapper.ItemId(product.Id, variation.Id), variation, product);
            }
        }
    }
}

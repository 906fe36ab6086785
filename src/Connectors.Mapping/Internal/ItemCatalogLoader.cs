using Connectors.Mapping.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Mapping.Internal;

/// <summary>Matches a channel's catalogue to WMS SKUs (variant rules, then auto-matching by SKU) and installs the result in the resolver.</summary>
internal sealed class ItemCatalogLoader(MappingProfileStore store, IServiceProvider services, ILogger<ItemCatalogLoader> logger) : IItemCatalogLoader
{
    public async ValueTask<CatalogMatchResult> LoadAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var registry = services.GetService<IChannelRegistry>()
            ?? throw new ConnectorException("No IChannelRegistry is registered; call AddConnectors() and register the channel.");
        if (!registry.TryGetPort<ICatalogChannel>(channel, out var catalog))
        {
            throw new ConnectorException($"Channel '{channel}' is not registered or cannot list its catalogue (ICatalogChannel).");
        }

        HashSet<string>? wmsSkus = null;
        var warehouse = services.GetService<IWarehouseInventory>();
        if (warehouse is not null)
        {
            wmsSkus = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var level in warehouse.GetStockLevelsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                wmsSkus.Add(level.Sku);
            }
        }

        return await MatchAsync(channel, catalog.ListItemsAsync(cancellationToken), wmsSkus, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<CatalogMatchResult> MatchAsync(string channel, IAsyncEnumerable<ChannelItem> items, IReadOnlyCollection<string>? wmsSkus, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(items);
        var state = store.Find(channel) ?? throw new ConnectorException($"Channel '{channel}' has no mapping profile; add one under Mapping:Channels:{channel}.");
        var profile = state.Profile;
        var explicitIds = new HashSet<string>(profile.ExplicitItems.Select(i => i.ChannelItemId), StringComparer.Ordinal);
        var explicitSkus = new HashSet<string>(profile.ExplicitItems.Where(i => i.IsSimple).Select(i => i.Components[0].Sku), StringComparer.Ordinal);

        Dictionary<string, string>? wmsByKey = null;
        var ambiguous = new List<AmbiguousMatch>();
        var unmatched = new List<UnmatchedItem>();
        if (profile.AutoMatch is not null && wmsSkus is not null)
        {
            wmsByKey = new Dictionary<string, string>(StringComparer.Ordinal);
            var clashes = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var sku in wmsSkus)
            {
                var key = profile.AutoMatch.Key(sku);
                if (wmsByKey.TryGetValue(key, out var other) && !string.Equals(other, sku, StringComparison.Ordinal))
                {
                    (clashes.TryGetValue(key, out var list) ? list : clashes[key] = [other]).Add(sku);
                }
                else
                {
                    wmsByKey[key] = sku;
                }
            }

            foreach (var (key, skus) in clashes)
            {
                wmsByKey.Remove(key);
                ambiguous.Add(new AmbiguousMatch
                {
                    Sku = key,
                    ChannelItemIds = [],
                    Reason = $"WMS SKUs {string.Join(", ", skus)} normalise to the same key; channel items with that SKU are not matched.",
                });
            }
        }

        var explicitCount = 0;
        var candidates = new Dictionary<string, List<(ChannelItem Item, ItemComponent Component, string How)>>(StringComparer.Ordinal);
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (explicitIds.Contains(item.ChannelItemId))
            {
                explicitCount++;
                continue;
            }

            VariantRule? variant = null;
            var variantMatches = 0;
            foreach (var rule in profile.Variants)
            {
                if (rule.Matches(item))
                {
                    variant ??= rule;
                    variantMatches++;
                }
            }

            if (variantMatches > 1)
            {
                unmatched.Add(new UnmatchedItem
                {
                    ChannelItemId = item.ChannelItemId,
                    Sku = item.Sku,
                    Reason = $"matches {variantMatches} variant rules; make the rules' attributes distinct.",
                });
                continue;
            }

            if (variant is not null)
            {
                Claim(candidates, variant.Component.Sku, item, variant.Component, $"variant rule Variants[{variant.Index}]");
                continue;
            }

            if (profile.AutoMatch is null)
            {
                unmatched.Add(new UnmatchedItem
                {
                    ChannelItemId = item.ChannelItemId,
                    Sku = item.Sku,
                    Reason = "has no explicit mapping or variant rule, and auto-matching is off.",
                });
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Sku))
            {
                unmatched.Add(new UnmatchedItem
                {
                    ChannelItemId = item.ChannelItemId,
                    Sku = item.Sku,
                    Reason = "has no SKU to match.",
                });
                continue;
            }

            var itemKey = profile.AutoMatch.Key(item.Sku);
            string wmsSku;
            if (wmsByKey is null)
            {
                // No WMS list: the normalised key is the WMS SKU, so "abc" and "ABC" are one claim, and ambiguous.
                wmsSku = itemKey;
                if (wmsSku.Length == 0)
                {
                    unmatched.Add(new UnmatchedItem
                    {
                        ChannelItemId = item.ChannelItemId,
                        Sku = item.Sku,
                        Reason = "normalises to an empty SKU.",
                    });
                    continue;
                }
            }
            else if (!wmsByKey.TryGetValue(itemKey, out wmsSku!))
            {
                unmatched.Add(new UnmatchedItem
                {
                    ChannelItemId = item.ChannelItemId,
                    Sku = item.Sku,
                    Reason = $"SKU '{item.Sku}' (normalised '{itemKey}') is not a WMS SKU.",
                });
                continue;
            }

            Claim(candidates, wmsSku, item, new ItemComponent(wmsSku, 1m), "SKU");
        }

        var matched = new List<ChannelItemDefinition>();
        foreach (var (sku, claims) in candidates)
        {
            if (claims.Count > 1)
            {
                ambiguous.Add(new AmbiguousMatch
                {
                    Sku = sku,
                    ChannelItemIds = [.. claims.Select(c => c.Item.ChannelItemId)],
                    Reason = $"{claims.Count} channel items claim WMS SKU '{sku}' ({string.Join(", ", claims.Select(c => c.How).Distinct())}); map them explicitly.",
                });
                continue;
            }

            var (item, component, how) = claims[0];
            if (how == "SKU" && explicitSkus.Contains(sku))
            {
                ambiguous.Add(new AmbiguousMatch
                {
                    Sku = sku,
                    ChannelItemIds = [item.ChannelItemId],
                    Reason = $"WMS SKU '{sku}' is already mapped explicitly to another channel item; channel item '{item.ChannelItemId}' is not matched by SKU.",
                });
                continue;
            }

            matched.Add(new ChannelItemDefinition(channel, item.ChannelItemId, [component], onSale: true, channelSku: item.Sku));
        }

        state.ReplaceCatalogue(matched);
        Log.CatalogueLoaded(logger, channel, matched.Count, explicitCount, ambiguous.Count, unmatched.Count);
        return new CatalogMatchResult
        {
            Channel = channel,
            Matched = matched,
            ExplicitCount = explicitCount,
            Ambiguous = ambiguous,
            Unmatched = unmatched,
        };
    }

    private static void Claim(Dictionary<string, List<(ChannelItem, ItemComponent, string)>> candidates, string sku, ChannelItem item, ItemComponent component, string how)
    {
        if (!candidates.TryGetValue(sku, out var list))
        {
            list = [];
            candidates[sku] = list;
        }

        list.Add((item, component, how));
    }
}

using System.Collections.Frozen;

namespace Connectors.Mapping.Internal;

/// <summary>An immutable snapshot of a channel's resolvable items: explicit mappings plus the loaded catalogue.</summary>
internal sealed class ItemIndex
{
    private ItemIndex(FrozenDictionary<string, IndexedItem> byId, FrozenDictionary<string, ChannelItemDefinition[]> bySku, ChannelItemDefinition[] all)
    {
        ById = byId;
        BySku = bySku;
        All = all;
    }

    /// <summary>Items by channel item id, with whether every component is a whole number of WMS units.</summary>
    public FrozenDictionary<string, IndexedItem> ById { get; }

    public FrozenDictionary<string, ChannelItemDefinition[]> BySku { get; }

    public ChannelItemDefinition[] All { get; }

    public static ItemIndex Build(IEnumerable<ChannelItemDefinition> items)
    {
        var all = items.ToArray();
        var byId = new Dictionary<string, IndexedItem>(all.Length, StringComparer.Ordinal);
        var bySku = new Dictionary<string, List<ChannelItemDefinition>>(StringComparer.Ordinal);
        foreach (var item in all)
        {
            byId[item.ChannelItemId] = new IndexedItem(item, item.Components.All(c => c.QuantityPerUnit == decimal.Truncate(c.QuantityPerUnit)));
            foreach (var component in item.Components)
            {
                if (!bySku.TryGetValue(component.Sku, out var list))
                {
                    list = [];
                    bySku[component.Sku] = list;
                }

                list.Add(item);
            }
        }

        return new ItemIndex(
            byId.ToFrozenDictionary(StringComparer.Ordinal),
            bySku.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal),
            all);
    }
}

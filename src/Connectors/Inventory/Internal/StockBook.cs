using System.Runtime.InteropServices;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Free WMS stock (on hand - reserved) per SKU and WMS location, as last reported. A SKU is known once a level of it
/// arrived or the WMS was asked for it; a complete book (a full snapshot) knows every SKU, absent ones being zero.
/// </summary>
internal sealed class StockBook
{
    private static readonly Dictionary<string, decimal> None = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, decimal>> _free = new(StringComparer.Ordinal);

    public StockBook(bool complete = false)
    {
        Complete = complete;
    }

    /// <summary>Whether every SKU is known (absent ones hold nothing).</summary>
    public bool Complete { get; }

    public IEnumerable<string> Skus => _free.Keys;

    public bool Knows(string sku) => Complete || _free.ContainsKey(sku);

    public void Set(string sku, string location, decimal free)
    {
        ref var locations = ref CollectionsMarshal.GetValueRefOrAddDefault(_free, sku, out _);
        locations ??= new Dictionary<string, decimal>(2, StringComparer.Ordinal);
        locations[location] = free;
    }

    public void MarkKnown(string sku)
    {
        ref var locations = ref CollectionsMarshal.GetValueRefOrAddDefault(_free, sku, out _);
        locations ??= new Dictionary<string, decimal>(2, StringComparer.Ordinal);
    }

    /// <summary>The SKU's free stock by WMS location (empty when unknown).</summary>
    public Dictionary<string, decimal> Locations(string sku) => _free.TryGetValue(sku, out var locations) ? locations : None;

    public decimal Free(string sku, string location) =>
        _free.TryGetValue(sku, out var locations) && locations.TryGetValue(location, out var free) ? free : 0m;

    public decimal Total(string sku)
    {
        if (!_free.TryGetValue(sku, out var locations))
        {
            return 0m;
        }

        var total = 0m;
        foreach (var free in locations.Values)
        {
            total += free;
        }

        return total;
    }
}

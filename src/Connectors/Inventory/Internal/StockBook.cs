using System.Runtime.InteropServices;

namespace Connectors.Inventory.Internal;

/// <summary>
/// Free WMS stock (on hand - reserved) per SKU and WMS location, as last reported, and the oversell window (units of
/// orders the WMS has not accepted yet) per SKU. A SKU is known once a level of it arrived or the WMS was asked for it;
/// a complete book (a full snapshot) knows every SKU, absent ones being zero. Either the engine's own (one host), or a
/// view of the store's shared book (<see cref="IStockBookStore"/>) built for one computation.
/// </summary>
internal sealed class StockBook
{
    private static readonly Dictionary<string, decimal> None = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, decimal>> _free = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _window = new(StringComparer.Ordinal);
    private readonly Stack<Dictionary<string, decimal>> _spare = new();

    public StockBook(bool complete = false)
    {
        Complete = complete;
    }

    /// <summary>Whether every SKU is known (absent ones hold nothing).</summary>
    public bool Complete { get; private set; }

    public IEnumerable<string> Skus => _free.Keys;

    /// <summary>Whether any SKU has units in the oversell window.</summary>
    public bool HasWindow => _window.Count > 0;

    /// <summary>A view of the store's book as read, for one computation.</summary>
    public static StockBook From(StockBookSnapshot snapshot)
    {
        var book = new StockBook();
        book.Load(snapshot);
        return book;
    }

    /// <summary>Replaces everything with the view, reusing this book's dictionaries (one view per computation).</summary>
    public void Load(StockBookSnapshot snapshot)
    {
        foreach (var locations in _free.Values)
        {
            locations.Clear();
            _spare.Push(locations);
        }

        _free.Clear();
        Complete = snapshot.Complete;
        foreach (var sku in snapshot.KnownSkus)
        {
            MarkKnown(sku);
        }

        foreach (var level in snapshot.Levels)
        {
            Set(level.Sku, level.LocationId, level.Free);
        }

        SetWindow(snapshot.Reserved);
    }

    /// <summary>Units of the SKU in the oversell window.</summary>
    public decimal Windowed(string sku) => _window.Count > 0 && _window.TryGetValue(sku, out var units) ? units : 0m;

    /// <summary>Adds (or with a negative sign removes) units to the SKU's oversell window.</summary>
    public void AddWindow(string sku, decimal units)
    {
        var total = _window.GetValueOrDefault(sku) + units;
        if (total <= 0m)
        {
            _window.Remove(sku);
        }
        else
        {
            _window[sku] = total;
        }
    }

    /// <summary>Replaces the oversell window.</summary>
    public void SetWindow(IEnumerable<ReservedQuantity> reserved)
    {
        _window.Clear();
        foreach (var quantity in reserved)
        {
            AddWindow(quantity.Sku, quantity.Quantity);
        }
    }

    /// <summary>Takes over another book's oversell window (a new snapshot keeps the open orders).</summary>
    public void CopyWindowFrom(StockBook other)
    {
        _window.Clear();
        foreach (var (sku, units) in other._window)
        {
            _window[sku] = units;
        }
    }

    public bool Knows(string sku) => Complete || _free.ContainsKey(sku);

    public void Set(string sku, string location, decimal free)
    {
        ref var locations = ref CollectionsMarshal.GetValueRefOrAddDefault(_free, sku, out _);
        locations ??= _spare.Count > 0 ? _spare.Pop() : new Dictionary<string, decimal>(2, StringComparer.Ordinal);
        locations[location] = free;
    }

    public void MarkKnown(string sku)
    {
        ref var locations = ref CollectionsMarshal.GetValueRefOrAddDefault(_free, sku, out _);
        locations ??= _spare.Count > 0 ? _spare.Pop() : new Dictionary<string, decimal>(2, StringComparer.Ordinal);
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

using System.Runtime.CompilerServices;

namespace Connectors.Testing;

/// <summary>The item master of the fake WMS: every SKU with stock, plus items added without stock, and which are discontinued.</summary>
public sealed partial class FakeWarehouse : IWarehouseItemCatalog
{
    private readonly HashSet<string> _knownItems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _discontinued = new(StringComparer.Ordinal);

    /// <summary>Makes items known to the WMS without stock.</summary>
    /// <param name="skus">The SKUs.</param>
    public void AddItems(params string[] skus)
    {
        ArgumentNullException.ThrowIfNull(skus);
        lock (_gate)
        {
            _knownItems.UnionWith(skus);
        }
    }

    /// <summary>Marks items discontinued (and known), or current again.</summary>
    /// <param name="discontinued">Whether they are discontinued.</param>
    /// <param name="skus">The SKUs.</param>
    public void SetDiscontinued(bool discontinued, params string[] skus)
    {
        ArgumentNullException.ThrowIfNull(skus);
        lock (_gate)
        {
            _knownItems.UnionWith(skus);
            if (discontinued)
            {
                _discontinued.UnionWith(skus);
            }
            else
            {
                _discontinued.ExceptWith(skus);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WarehouseItem> ListItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<WarehouseItem> items;
        lock (_gate)
        {
            var skus = new SortedSet<string>(_knownItems, StringComparer.Ordinal);
            foreach (var (sku, _) in _stock.Keys)
            {
                skus.Add(sku);
            }

            items = [.. skus.Select(s => new WarehouseItem { Sku = s, Discontinued = _discontinued.Contains(s) })];
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>
/// Samples every WooCommerce level during the chaos run against the WMS's available-to-sell: free stock (on hand -
/// reserved, which counts the orders the WMS accepted) less the units of WooCommerce orders the WMS has not accepted and
/// the shop has not cancelled (the shop has taken them, or will at payment). A sample counts when the engine is settled
/// for the SKU: it has processed the shop's current state of every WooCommerce order of the SKU and believes the shop
/// shows what it wants (the row is not pending), before and after the shop is read. Then the shop showing more is a unit
/// counted twice, not an order or a push still on its way.
/// </summary>
internal sealed class WooLevelSampler(Shops shops, StockWarehouse warehouse, ISyncStateStore store)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, IReadOnlyList<(string Sku, int Quantity)>> _orders = [];
    private readonly List<string> _over = [];
    private int _samples;
    private int _settled;

    /// <summary>Samples taken (every SKU read once).</summary>
    public int Samples => Volatile.Read(ref _samples);

    /// <summary>SKU readings taken while the engine was settled for the SKU.</summary>
    public int SettledReadings => Volatile.Read(ref _settled);

    public IReadOnlyList<string> OverStatements
    {
        get
        {
            lock (_gate)
            {
                return [.. _over];
            }
        }
    }

    /// <summary>Counts a WooCommerce order (call right after placing it).</summary>
    public void Track(long orderId, IReadOnlyList<(string Sku, int Quantity)> lines)
    {
        lock (_gate)
        {
            _orders[orderId] = lines;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var sku in shops.Skus)
            {
                var before = await SettledAsync(sku);
                if (before is null)
                {
                    continue;
                }

                var truth = AvailableToSell(sku);
                var shown = shops.Woo.GetStock(shops.WooProducts[sku]) ?? 0;
                if (await SettledAsync(sku) != before)
                {
                    continue;
                }

                Interlocked.Increment(ref _settled);
                if (shown > truth)
                {
                    lock (_gate)
                    {
                        _over.Add(string.Create(CultureInfo.InvariantCulture, $"{sku} at {clock.Elapsed.TotalSeconds:0.000} s: shop {shown}, WMS available-to-sell {truth}, engine row {before}"));
                    }
                }
            }

            Interlocked.Increment(ref _samples);
            try
            {
                await Task.Delay(10, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The engine's row of the SKU on WooCommerce when the engine is settled for it, else null.</summary>
    private async Task<string?> SettledAsync(string sku)
    {
        var row = await store.GetInventoryAsync(new InventoryKey(HostSettings.Woo, shops.WooProducts[sku].ToString(CultureInfo.InvariantCulture), InventoryTarget.DefaultLocation));
        if (row is null || row.IsPending)
        {
            return null;
        }

        foreach (var (id, lines) in Orders())
        {
            if (!lines.Any(l => l.Sku == sku))
            {
                continue;
            }

            var record = await store.GetOrderRecordAsync(HostSettings.Woo, id.ToString(CultureInfo.InvariantCulture));
            var expected = shops.Woo.GetOrderStatus(id) switch
            {
                "cancelled" => OrderRecordStatus.Cancelled,
                "pending" or "on-hold" => OrderRecordStatus.Held,
                _ => OrderRecordStatus.Submitted,
            };
            if (record?.Status != expected)
            {
                return null;
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"desired {row.Desired} acknowledged {row.Acknowledged} v{row.Version}");
    }

    private KeyValuePair<long, IReadOnlyList<(string Sku, int Quantity)>>[] Orders()
    {
        lock (_gate)
        {
            return [.. _orders];
        }
    }

    private int AvailableToSell(string sku)
    {
        var free = warehouse.Free(sku);
        var accepted = warehouse.Orders;
        foreach (var (id, lines) in Orders())
        {
            if (accepted.ContainsKey((HostSettings.Woo, id.ToString(CultureInfo.InvariantCulture))) || shops.Woo.GetOrderStatus(id) == "cancelled")
            {
                continue;
            }

            free -= lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
        }

        return free;
    }
}

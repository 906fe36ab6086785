using System.Runtime.CompilerServices;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>
/// The WMS of the reliability runs: order and return intake are <see cref="FakeWarehouse"/>'s (idempotent on the key);
/// on top of it, stock per SKU at one location, reserved when an order is first accepted, taken out on shipment and
/// put back on a restocked return. Counts how often each order was accepted as new (the "exactly once" figure).
/// </summary>
internal sealed class StockWarehouse : IWarehouseInventory, IWarehouseOrders, IWarehouseReturns
{
    public const string Location = "WH1";
    private readonly FakeWarehouse _intake = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (decimal OnHand, decimal Reserved)> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string OrderId), int> _acceptances = [];
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public StockWarehouse(IEnumerable<(string Sku, int OnHand)> stock)
    {
        foreach (var (sku, onHand) in stock)
        {
            _stock[sku] = (onHand, 0);
        }
    }

    public IReadOnlyDictionary<(string Channel, string OrderId), WarehouseOrder> Orders => _intake.Orders;

    public IReadOnlyCollection<ExpectedReturn> ExpectedReturns => _intake.ExpectedReturns;

    public IReadOnlyDictionary<(string Channel, string OrderId), int> Acceptances
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(string, string), int>(_acceptances);
            }
        }
    }

    public int SubmitCalls => _intake.SubmitCalls;

    /// <summary>On hand - reserved, never below zero.</summary>
    public int Free(string sku)
    {
        lock (_gate)
        {
            return _stock.TryGetValue(sku, out var s) ? (int)Math.Max(0, s.OnHand - s.Reserved) : 0;
        }
    }

    /// <summary>On hand and reserved of <paramref name="sku"/> (for a failure report).</summary>
    public (decimal OnHand, decimal Reserved) Stock(string sku)
    {
        lock (_gate)
        {
            return _stock.GetValueOrDefault(sku);
        }
    }

    /// <summary>The current levels of the SKUs that changed since the last call.</summary>
    public IReadOnlyList<StockLevel> TakeChanges()
    {
        lock (_gate)
        {
            var levels = _changed.Select(sku => Level(sku, _stock[sku])).ToList();
            _changed.Clear();
            return levels;
        }
    }

    public void Ship(WarehouseShipment shipment)
    {
        lock (_gate)
        {
            foreach (var line in shipment.Lines)
            {
                var s = _stock[line.Sku];
                _stock[line.Sku] = (s.OnHand - line.Quantity, s.Reserved - line.Quantity);
                _changed.Add(line.Sku);
            }
        }
    }

    public void Receive(ReturnReceipt receipt)
    {
        lock (_gate)
        {
            foreach (var line in receipt.Lines.Where(l => l.Restock))
            {
                var s = _stock[line.Sku];
                _stock[line.Sku] = (s.OnHand + line.Quantity, s.Reserved);
                _changed.Add(line.Sku);
            }
        }
    }

    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<StockLevel> levels;
        lock (_gate)
        {
            levels = [.. _stock.Where(s => skus is null || skus.Contains(s.Key)).Select(s => Level(s.Key, s.Value))];
        }

        foreach (var level in levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return level;
        }

        await Task.CompletedTask;
    }

    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var key = (order.Channel, order.ChannelOrderId);
        var result = await _intake.SubmitOrderAsync(order, idempotencyKey, cancellationToken);
        if (result.Outcome == WarehouseOrderOutcome.Accepted)
        {
            lock (_gate)
            {
                // Exactly once = one idempotency key per order; the stock is reserved the first time only.
                var first = !_keys.ContainsKey(key);
                if (!_keys.TryGetValue(key, out var keys))
                {
                    _keys[key] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(idempotencyKey);
                _acceptances[key] = keys.Count;
                _acceptedCalls[key] = _acceptedCalls.GetValueOrDefault(key) + 1;
                if (first)
                {
                    foreach (var line in order.Lines)
                    {
                        var s = _stock.GetValueOrDefault(line.Sku);
                        _stock[line.Sku] = (s.OnHand, s.Reserved + line.Quantity);
                        _changed.Add(line.Sku);
                    }
                }
            }
        }

        return result;
    }

    private readonly Dictionary<(string Channel, string OrderId), HashSet<string>> _keys = [];

    private readonly Dictionary<(string Channel, string OrderId), int> _acceptedCalls = [];

    /// <summary>
    /// Per order, how many submissions the WMS accepted (first ones and repeats): what a WMS that ignored the idempotency
    /// key would have turned into that many warehouse orders. <see cref="Acceptances"/> counts distinct keys instead.
    /// </summary>
    public IReadOnlyDictionary<(string Channel, string OrderId), int> AcceptedSubmitCalls
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(string, string), int>(_acceptedCalls);
            }
        }
    }

    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _intake.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
        _intake.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);

    public Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default) =>
        _intake.ExpectReturnAsync(expectedReturn, cancellationToken);

    private static StockLevel Level(string sku, (decimal OnHand, decimal Reserved) s) =>
        new(sku, Location, Math.Max(0, s.OnHand), Math.Clamp(s.Reserved, 0, Math.Max(0, s.OnHand)));
}

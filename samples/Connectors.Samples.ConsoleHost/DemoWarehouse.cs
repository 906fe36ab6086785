using System.Runtime.CompilerServices;
using Connectors.Testing;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The demo WMS: the three WMS ports the engine calls. Order and return intake are <see cref="FakeWarehouse"/>'s
/// (idempotent on the key); on top of it this class keeps stock per SKU and location, reserves stock for every
/// accepted order (main location first), takes it out on shipment and puts it back on a restocked return, and
/// remembers which SKUs changed so the host can feed those changes to the inventory engine.
/// </summary>
internal sealed class DemoWarehouse : IWarehouseInventory, IWarehouseOrders, IWarehouseReturns
{
    private readonly FakeWarehouse _intake = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Sku, string Location), (decimal OnHand, decimal Reserved)> _stock = [];
    private readonly Dictionary<(string Channel, string OrderId), List<(string Sku, string Location, decimal Quantity)>> _allocations = [];
    private readonly Dictionary<(string Channel, string OrderId), int> _acceptances = [];
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>Creates the WMS with its initial stock.</summary>
    public DemoWarehouse(IEnumerable<StockLevel> stock)
    {
        foreach (var level in stock)
        {
            _stock[(level.Sku, level.LocationId)] = (level.OnHand, level.Reserved);
        }
    }

    /// <summary>The orders the WMS holds.</summary>
    public IReadOnlyDictionary<(string Channel, string OrderId), WarehouseOrder> Orders => _intake.Orders;

    /// <summary>How many times each order was accepted as new (1 each when nothing was duplicated).</summary>
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

    /// <summary>The returns the WMS expects.</summary>
    public IReadOnlyCollection<ExpectedReturn> ExpectedReturns => _intake.ExpectedReturns;

    /// <summary>Free stock (on hand - reserved, never below zero) of a SKU at a location.</summary>
    public decimal Free(string sku, string location)
    {
        lock (_gate)
        {
            return _stock.TryGetValue((sku, location), out var s) ? Math.Max(0, s.OnHand - s.Reserved) : 0;
        }
    }

    /// <summary>The current levels of the SKUs that changed since the last call (the WMS's change feed).</summary>
    public IReadOnlyList<StockLevel> TakeChanges()
    {
        lock (_gate)
        {
            var levels = _stock.Where(s => _changed.Contains(s.Key.Sku)).Select(s => Level(s.Key.Sku, s.Key.Location, s.Value)).ToList();
            _changed.Clear();
            return levels;
        }
    }

    /// <summary>Ships: takes the shipped units out of stock (and out of the order's reservation).</summary>
    public void Ship(WarehouseShipment shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        lock (_gate)
        {
            var allocations = _allocations.GetValueOrDefault((shipment.Channel, shipment.ChannelOrderId)) ?? [];
            foreach (var line in shipment.Lines)
            {
                var left = line.Quantity;
                for (var i = 0; i < allocations.Count && left > 0; i++)
                {
                    var (sku, location, quantity) = allocations[i];
                    if (sku != line.Sku || quantity <= 0)
                    {
                        continue;
                    }

                    var take = Math.Min(quantity, left);
                    allocations[i] = (sku, location, quantity - take);
                    var s = _stock[(sku, location)];
                    _stock[(sku, location)] = (s.OnHand - take, s.Reserved - take);
                    left -= take;
                }

                _changed.Add(line.Sku);
            }
        }
    }

    /// <summary>Receives a return: restocked units go back on hand at the main location.</summary>
    public void Receive(ReturnReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        lock (_gate)
        {
            foreach (var line in receipt.Lines.Where(l => l.Restock))
            {
                var s = _stock.GetValueOrDefault((line.Sku, DemoCatalog.MainLocation));
                _stock[(line.Sku, DemoCatalog.MainLocation)] = (s.OnHand + line.Quantity, s.Reserved);
                _changed.Add(line.Sku);
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<StockLevel> levels;
        lock (_gate)
        {
            levels = [.. _stock.Where(s => skus is null || skus.Contains(s.Key.Sku)).Select(s => Level(s.Key.Sku, s.Key.Location, s.Value))];
        }

        foreach (var level in levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return level;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var key = (order.Channel, order.ChannelOrderId);
        var known = _intake.Orders.ContainsKey(key);
        var result = await _intake.SubmitOrderAsync(order, idempotencyKey, cancellationToken);
        if (result.Outcome == WarehouseOrderOutcome.Accepted && !known)
        {
            lock (_gate)
            {
                _acceptances[key] = _acceptances.GetValueOrDefault(key) + 1;
                if (!_allocations.ContainsKey(key))
                {
                    _allocations[key] = [.. order.Lines.SelectMany(Reserve)];
                }
            }
        }

        return result;
    }

    /// <inheritdoc />
    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default) =>
        _intake.UpdateOrderAsync(order, idempotencyKey, cancellationToken);

    /// <inheritdoc />
    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default) =>
        _intake.CancelOrderAsync(channel, channelOrderId, reason, cancellationToken);

    /// <inheritdoc />
    public Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default) =>
        _intake.ExpectReturnAsync(expectedReturn, cancellationToken);

    /// <summary>A stock level as the WMS reports it (a shortfall shows as everything reserved, never as negative stock).</summary>
    private static StockLevel Level(string sku, string location, (decimal OnHand, decimal Reserved) s) =>
        new(sku, location, Math.Max(0, s.OnHand), Math.Clamp(s.Reserved, 0, Math.Max(0, s.OnHand)));

    /// <summary>Reserves a line: main location first, the rest at the overflow location, any shortfall at the main one.</summary>
    private List<(string Sku, string Location, decimal Quantity)> Reserve(WarehouseOrderLine line)
    {
        var result = new List<(string, string, decimal)>();
        var left = line.Quantity;
        foreach (var location in new[] { DemoCatalog.MainLocation, DemoCatalog.OverflowLocation })
        {
            var s = _stock.GetValueOrDefault((line.Sku, location));
            var take = Math.Min(left, Math.Max(0, s.OnHand - s.Reserved));
            if (take > 0)
            {
                _stock[(line.Sku, location)] = (s.OnHand, s.Reserved + take);
                result.Add((line.Sku, location, take));
                left -= take;
            }
        }

        if (left > 0)
        {
            var s = _stock.GetValueOrDefault((line.Sku, DemoCatalog.MainLocation));
            _stock[(line.Sku, DemoCatalog.MainLocation)] = (s.OnHand, s.Reserved + left);
            result.Add((line.Sku, DemoCatalog.MainLocation, left));
        }

        _changed.Add(line.Sku);
        return result;
    }
}

using System.Runtime.CompilerServices;
using Connectors.Testing.Internal;

namespace Connectors.Testing;

/// <summary>
/// An in-memory WMS: stock per SKU and location, an order intake that is idempotent on its key and can refuse
/// changes (already picked), and a returns intake. Records every call. Thread-safe.
/// </summary>
public sealed partial class FakeWarehouse : IWarehouseInventory, IWarehouseOrders, IWarehouseReturns
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Sku, string Location), StockLevel> _stock = [];
    private readonly Dictionary<(string Channel, string OrderId), WarehouseOrder> _orders = [];
    private readonly Dictionary<string, WarehouseOrderResult> _answersByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string OrderId), string> _refusals = [];
    private readonly HashSet<(string Channel, string OrderId)> _cancelled = [];
    private readonly Dictionary<(string Channel, string ReturnId), ExpectedReturn> _returns = [];
    private int _submitCalls;
    private int _failNextSubmits;

    /// <summary>How many times <see cref="SubmitOrderAsync"/> was called, repeats included.</summary>
    public int SubmitCalls => Volatile.Read(ref _submitCalls);

    /// <summary>The orders the WMS holds, latest version each.</summary>
    public IReadOnlyDictionary<(string Channel, string OrderId), WarehouseOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(string, string), WarehouseOrder>(_orders);
            }
        }
    }

    /// <summary>The orders cancelled in the WMS.</summary>
    public IReadOnlyCollection<(string Channel, string OrderId)> Cancelled
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancelled];
            }
        }
    }

    /// <summary>The returns the WMS expects.</summary>
    public IReadOnlyCollection<ExpectedReturn> ExpectedReturns
    {
        get
        {
            lock (_gate)
            {
                return [.. _returns.Values];
            }
        }
    }

    /// <summary>
    /// Whether an accepted new order reserves its units in the stock levels, as a WMS does (its free stock drops at
    /// acceptance): each SKU's quantity is added to the reserved figure of the first location (by id) with enough free
    /// stock, or of the first location when none has. Off by default, so stock stays as set.
    /// </summary>
    public bool ReserveOnSubmit { get; set; }

    /// <summary>Sets stock levels.</summary>
    /// <param name="levels">The levels.</param>
    public void SetStock(params StockLevel[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        lock (_gate)
        {
            foreach (var level in levels)
            {
                _stock[(level.Sku, level.LocationId)] = level;
            }
        }
    }

    /// <summary>Makes updates and cancellations of an order be refused with the reason (for example "already picked").</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel order id.</param>
    /// <param name="reason">The reason.</param>
    public void RefuseChangesTo(string channel, string orderId, string reason)
    {
        lock (_gate)
        {
            _refusals[(channel, orderId)] = reason;
        }
    }

    /// <summary>Makes the next submissions throw a transient error, as a WMS that is briefly down would.</summary>
    /// <param name="count">How many.</param>
    public void FailNextSubmits(int count) => Interlocked.Exchange(ref _failNextSubmits, count);

    /// <inheritdoc />
    public async IAsyncEnumerable<StockLevel> GetStockLevelsAsync(IReadOnlyCollection<string>? skus = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<StockLevel> levels;
        lock (_gate)
        {
            levels = [.. _stock.Values.Where(l => skus is null || skus.Contains(l.Sku)).OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.LocationId, StringComparer.Ordinal)];
        }

        foreach (var level in levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return level;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        Interlocked.Increment(ref _submitCalls);
        if (FaultCounter.TryConsume(ref _failNextSubmits))
        {
            throw new ConnectorException("WMS unavailable", isTransient: true);
        }

        lock (_gate)
        {
            if (_answersByKey.TryGetValue(idempotencyKey, out var previous))
            {
                return Task.FromResult(previous);
            }

            var key = (order.Channel, order.ChannelOrderId);
            var answer = WarehouseOrderResult.Accepted($"WMS-{order.Channel}-{order.ChannelOrderId}");
            if (ReserveOnSubmit && !_orders.ContainsKey(key))
            {
                Reserve(order);
            }

            _orders[key] = order;
            _answersByKey[idempotencyKey] = answer;
            return Task.FromResult(answer);
        }
    }

    private void Reserve(WarehouseOrder order)
    {
        foreach (var (sku, quantity) in order.QuantitiesBySku())
        {
            var levels = _stock.Values.Where(l => l.Sku == sku).OrderBy(l => l.LocationId, StringComparer.Ordinal).ToList();
            if (levels.Count == 0)
            {
                continue;
            }

            var level = levels.Find(l => l.Free >= quantity) ?? levels[0];
            _stock[(sku, level.LocationId)] = new StockLevel(sku, level.LocationId, level.OnHand, level.Reserved + quantity);
        }
    }

    /// <inheritdoc />
    public Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_gate)
        {
            var key = (order.Channel, order.ChannelOrderId);
            if (_refusals.TryGetValue(key, out var reason))
            {
                return Task.FromResult(WarehouseOrderResult.Refused(reason));
            }

            if (!_orders.ContainsKey(key))
            {
                return Task.FromResult(WarehouseOrderResult.Refused($"order {order.ChannelOrderId} is unknown"));
            }

            _orders[key] = order;
            return Task.FromResult(WarehouseOrderResult.Accepted($"WMS-{order.Channel}-{order.ChannelOrderId}"));
        }
    }

    /// <inheritdoc />
    public Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var key = (channel, channelOrderId);
            if (_refusals.TryGetValue(key, out var refusal))
            {
                return Task.FromResult(WarehouseOrderResult.Refused(refusal));
            }

            _cancelled.Add(key);
            return Task.FromResult(WarehouseOrderResult.Accepted($"WMS-{channel}-{channelOrderId}"));
        }
    }

    /// <inheritdoc />
    public Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectedReturn);
        lock (_gate)
        {
            _returns[(expectedReturn.Channel, expectedReturn.ReturnId)] = expectedReturn;
        }

        return Task.FromResult(WarehouseOrderResult.Accepted($"RMA-{expectedReturn.ReturnId}"));
    }
}

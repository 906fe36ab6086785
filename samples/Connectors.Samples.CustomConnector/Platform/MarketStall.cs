namespace Connectors.Samples.CustomConnector.Platform;

/// <summary>
/// The platform of the example: a toy marketplace kept in memory, standing in for a real platform's API client
/// (in a real connector this is a typed <c>HttpClient</c> from <c>IHttpClientFactory</c> with the resilience
/// pipeline). It speaks its own model (<see cref="StallOrder"/>, <see cref="StallShipment"/>), knows nothing of the
/// Connectors model, and moves an order's <see cref="StallOrder.ModifiedAt"/> on every write, as real shops do.
/// Thread-safe.
/// </summary>
/// <param name="time">The clock the stall stamps changes with.</param>
public sealed class MarketStall(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StallOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StallShipment>> _shipments = new(StringComparer.Ordinal);
    private int _nextOrder = 1000;
    private int _nextShipment;

    /// <summary>When <see langword="true"/>, every call fails with <see cref="TimeoutException"/> (the stall is down).</summary>
    public bool Closed { get; set; }

    /// <summary>How many calls the stall answered or refused, for tests and demos.</summary>
    public int Calls { get; private set; }

    /// <summary>Lists an article for sale with no stock.</summary>
    /// <param name="sku">The seller's SKU, the listing's id on the stall.</param>
    public void List(string sku)
    {
        lock (_gate)
        {
            _stock.TryAdd(sku, 0);
        }
    }

    /// <summary>The stock the stall shows for a listing, or <see langword="null"/> when it is not listed.</summary>
    /// <param name="sku">The listing.</param>
    /// <returns>The quantity.</returns>
    public int? GetStock(string sku)
    {
        lock (_gate)
        {
            return _stock.TryGetValue(sku, out var quantity) ? quantity : null;
        }
    }

    /// <summary>Sets the stock of a listing.</summary>
    /// <param name="sku">The listing.</param>
    /// <param name="quantity">The quantity for sale.</param>
    /// <returns><see langword="false"/> when the article is not listed.</returns>
    public bool SetStock(string sku, int quantity)
    {
        lock (Call())
        {
            if (!_stock.ContainsKey(sku))
            {
                return false;
            }

            _stock[sku] = quantity;
            return true;
        }
    }

    /// <summary>Every listing with its stock.</summary>
    /// <returns>SKU and quantity pairs.</returns>
    public IReadOnlyList<(string Sku, int Quantity)> GetListings()
    {
        lock (Call())
        {
            return [.. _stock.Select(p => (p.Key, p.Value))];
        }
    }

    /// <summary>A buyer places a paid order.</summary>
    /// <param name="lines">SKU and quantity per line.</param>
    /// <returns>The stall's order id.</returns>
    public string PlaceOrder(params (string Sku, int Quantity)[] lines)
    {
        lock (_gate)
        {
            var id = "MS-" + _nextOrder++;
            var now = time.GetUtcNow();
            _orders[id] = new StallOrder(id, [.. lines.Select((l, i) => new StallOrderLine($"{id}-{i + 1}", l.Sku, l.Quantity, 12.50m))], "EUR", now, now, IsPaid: true, IsCancelled: false, Tags: []);
            return id;
        }
    }

    /// <summary>The buyer cancels an order.</summary>
    /// <param name="orderId">The order.</param>
    public void CancelOrder(string orderId) => Touch(orderId, o => o with { IsCancelled = true });

    /// <summary>Orders changed at or after <paramref name="since"/>, oldest change first.</summary>
    /// <param name="since">The lower bound.</param>
    /// <returns>The orders.</returns>
    public IReadOnlyList<StallOrder> GetOrdersModifiedSince(DateTimeOffset since)
    {
        lock (Call())
        {
            return [.. _orders.Values.Where(o => o.ModifiedAt >= since).OrderBy(o => o.ModifiedAt)];
        }
    }

    /// <summary>One order, or <see langword="null"/>.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The order.</returns>
    public StallOrder? GetOrder(string orderId)
    {
        lock (Call())
        {
            return _orders.GetValueOrDefault(orderId);
        }
    }

    /// <summary>Adds a tag to an order (idempotent); moves its modification time, like any write.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="false"/> when the order does not exist.</returns>
    public bool AddTag(string orderId, string tag)
    {
        lock (Call())
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return false;
            }

            if (!order.Tags.Contains(tag))
            {
                _orders[orderId] = order with { Tags = [.. order.Tags, tag], ModifiedAt = time.GetUtcNow() };
            }

            return true;
        }
    }

    /// <summary>Records a shipment on an order.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="reference">The seller's reference for it (the stall keeps it and lists it back).</param>
    /// <param name="lines">Line id and quantity per line.</param>
    /// <param name="trackingNumbers">Tracking numbers.</param>
    /// <returns>The shipment, or <see langword="null"/> when the order does not exist.</returns>
    public StallShipment? AddShipment(string orderId, string reference, IReadOnlyList<(string LineId, int Quantity)> lines, IReadOnlyList<string> trackingNumbers)
    {
        lock (Call())
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return null;
            }

            var shipment = new StallShipment("SH-" + ++_nextShipment, orderId, reference, lines, trackingNumbers);
            if (!_shipments.TryGetValue(orderId, out var list))
            {
                _shipments[orderId] = list = [];
            }

            list.Add(shipment);
            _orders[orderId] = order with { ModifiedAt = time.GetUtcNow() };
            return shipment;
        }
    }

    /// <summary>The shipments of an order.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The shipments, oldest first.</returns>
    public IReadOnlyList<StallShipment> GetShipments(string orderId)
    {
        lock (Call())
        {
            return _shipments.TryGetValue(orderId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>Replaces the tracking numbers of a shipment.</summary>
    /// <param name="shipmentId">The stall's shipment id.</param>
    /// <param name="trackingNumbers">The numbers.</param>
    /// <returns><see langword="false"/> when the shipment does not exist.</returns>
    public bool SetTracking(string shipmentId, IReadOnlyList<string> trackingNumbers)
    {
        lock (Call())
        {
            foreach (var list in _shipments.Values)
            {
                var index = list.FindIndex(s => s.Id == shipmentId);
                if (index >= 0)
                {
                    list[index] = list[index] with { TrackingNumbers = trackingNumbers };
                    return true;
                }
            }

            return false;
        }
    }

    private void Touch(string orderId, Func<StallOrder, StallOrder> change)
    {
        lock (_gate)
        {
            var order = _orders[orderId];
            _orders[orderId] = change(order) with { ModifiedAt = time.GetUtcNow() };
        }
    }

    /// <summary>Counts a call and fails it when the stall is closed; returns the lock the call then holds.</summary>
    private Lock Call()
    {
        lock (_gate)
        {
            Calls++;
        }

        return Closed ? throw new TimeoutException("The market stall did not answer.") : _gate;
    }
}

namespace Connectors.Testing.Magento.Internal;

internal sealed class EmuProduct
{
    public long Id { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public required string TypeId { get; init; }

    public decimal Price { get; set; }

    /// <summary>The default value of <c>status</c> (store 0).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Store views' own <c>status</c> values, by store id, which override the default value there.</summary>
    public Dictionary<int, bool> StoreEnabled { get; } = [];

    public bool EnabledIn(int storeId) => storeId == 0 || !StoreEnabled.TryGetValue(storeId, out var own) ? Enabled : own;

    public int? Visibility { get; set; }

    public List<long> Children { get; } = [];
}

internal sealed class EmuItem
{
    public long ItemId { get; init; }

    public long? ParentItemId { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public long ProductId { get; init; }

    public required string ProductType { get; init; }

    public decimal QtyOrdered { get; init; }

    public decimal QtyShipped { get; set; }

    public decimal QtyCanceled { get; set; }

    public decimal QtyRefunded { get; set; }

    public decimal Price { get; init; }

    /// <summary>A child of a configurable or of a bundle shipped together: shipped through its parent.</summary>
    public bool IsDummy => ParentItemId is not null;

    /// <summary>Source quantities deducted by this item's shipments, per source: a return to stock puts them back there.</summary>
    public Dictionary<string, decimal> Deducted { get; } = new(StringComparer.Ordinal);

    /// <summary>Shipped units already put back to a source by a credit memo.</summary>
    public decimal QtyReturnedToSource { get; set; }

    /// <summary>
    /// <c>Order\Item::getSimpleQtyToShip</c>: ordered less the larger of shipped and refunded, less cancelled. Refunded units
    /// count as shipped ones first, so a refund after a shipment does not lower what is left to ship.
    /// </summary>
    public decimal QtyToShip => Math.Max(0, QtyOrdered - Math.Max(QtyShipped, QtyRefunded) - QtyCanceled);
}

internal sealed class EmuOrder
{
    public long EntityId { get; init; }

    public required string IncrementId { get; init; }

    public required string State { get; set; }

    public required string Status { get; set; }

    public int StoreId { get; init; }

    public required string Currency { get; init; }

    public bool Paid { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<EmuItem> Items { get; } = [];

    public List<(long Id, string Comment, string? Status, DateTimeOffset At)> Histories { get; } = [];

    public decimal TotalRefunded { get; set; }

    public List<Action<System.Text.Json.Nodes.JsonObject>> JsonEdits { get; } = [];

    public decimal ShippingRefunded { get; set; }

    public decimal GrandTotal => Items.Where(i => i.ParentItemId is null).Sum(i => i.Price * i.QtyOrdered) + 5m;
}

internal sealed class EmuShipment
{
    public long EntityId { get; init; }

    public long OrderId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<(long OrderItemId, string Sku, decimal Qty)> Items { get; } = [];

    public List<(string Number, string Title, string Carrier)> Tracks { get; } = [];

    public List<string> Comments { get; } = [];
}

internal sealed class EmuCreditMemo
{
    public long EntityId { get; init; }

    public long OrderId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public List<(long OrderItemId, long? ParentOrderItemId, string Sku, decimal Qty, decimal Price)> Items { get; } = [];

    public List<string> Comments { get; } = [];

    public decimal Shipping { get; init; }

    public decimal AdjustmentPositive { get; init; }

    public decimal AdjustmentNegative { get; init; }

    public decimal GrandTotal => Items.Where(i => i.ParentOrderItemId is null).Sum(i => i.Qty * i.Price) + Shipping + AdjustmentPositive - AdjustmentNegative;
}

internal sealed class EmuRma
{
    public long EntityId { get; init; }

    public long OrderId { get; init; }

    public required string Status { get; set; }

    public DateTimeOffset DateRequested { get; init; }

    public List<(long EntityId, long OrderItemId, int QtyRequested, int QtyAuthorized, string Reason, string Status)> Items { get; } = [];

    public List<(long EntityId, string Comment, DateTimeOffset At)> Comments { get; } = [];
}

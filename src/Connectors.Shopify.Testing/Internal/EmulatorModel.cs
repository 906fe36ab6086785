namespace Connectors.Testing.Shopify.Internal;

internal sealed class EmuVariant
{
    public required long Id { get; init; }
    public required long ProductId { get; init; }
    public required long InventoryItemId { get; init; }
    public required string Sku { get; init; }
    public required string Title { get; init; }
    public bool Tracked { get; init; } = true;
    public string ProductStatus { get; set; } = "ACTIVE";
    public string InventoryPolicy { get; set; } = "DENY";
    public decimal Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
}

internal sealed class EmuOrder
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string Currency { get; init; } = "EUR";
    public string FinancialStatus { get; set; } = "PAID";
    public string? Email { get; init; }
    public List<EmuLine> Lines { get; } = [];
    public List<string> Tags { get; } = [];
    public Dictionary<string, string> Metafields { get; } = new(StringComparer.Ordinal);
    public List<EmuFulfillmentOrder> FulfillmentOrders { get; } = [];
    public List<EmuFulfillment> Fulfillments { get; } = [];
    public List<EmuReturn> Returns { get; } = [];
    public decimal Refunded { get; set; }
}

internal sealed class EmuLine
{
    public required long Id { get; init; }
    public EmuVariant? Variant { get; init; }
    public required string Sku { get; init; }
    public required int Quantity { get; init; }
    public required decimal Price { get; init; }
    public bool RequiresShipping { get; init; } = true;
    public int Removed { get; init; }
    public int Current => Quantity - Removed;
}

internal sealed class EmuFulfillmentOrder
{
    public required long Id { get; init; }
    public required long LocationId { get; set; }
    public string Status { get; set; } = "OPEN";
    public string? StatusBeforeHold { get; set; }
    public string RequestStatus { get; set; } = "UNSUBMITTED";
    public DateTimeOffset UpdatedAt { get; set; }
    public List<EmuFulfillmentOrderLine> Lines { get; } = [];
}

internal sealed class EmuFulfillmentOrderLine
{
    public required long Id { get; init; }
    public required EmuLine Line { get; init; }
    public required int Total { get; set; }
    public int Remaining { get; set; }
}

internal sealed class EmuFulfillment
{
    public required long Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "SUCCESS";
    public long LocationId { get; init; }
    public List<(string? Number, string? Url, string? Company)> Tracking { get; } = [];
    public List<(EmuLine Line, int Quantity, long Id)> Lines { get; } = [];
}

internal sealed class EmuReturn
{
    public required long Id { get; init; }
    public List<long> ReverseFulfillmentOrderIds { get; } = [];
    public required DateTimeOffset CreatedAt { get; init; }
    public string Status { get; set; } = "OPEN";
    public List<EmuReturnLine> Lines { get; } = [];
}

internal sealed class EmuReturnLine
{
    public required long Id { get; init; }
    public required EmuLine Line { get; init; }
    public required int Quantity { get; init; }
    public required long FulfillmentLineItemId { get; init; }
    public required long ReverseLineId { get; init; }
    public required long ReverseFulfillmentOrderId { get; init; }
    public int Processed { get; set; }
    public List<string> Dispositions { get; } = [];
}

internal sealed class EmuFulfillmentService
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required long LocationId { get; init; }
    public string? CallbackUrl { get; init; }
}

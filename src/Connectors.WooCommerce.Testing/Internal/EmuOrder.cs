using System.Text.Json.Nodes;

namespace Connectors.Testing.WooCommerce.Internal;

internal sealed class EmuOrder
{
    public long Id { get; init; }
    public required string Status { get; set; }
    public string Currency { get; init; } = "USD";
    public DateTime Created { get; init; }
    public DateTime Modified { get; set; }
    public DateTime? Paid { get; set; }
    public DateTime? Completed { get; set; }
    public decimal ShippingTotal { get; init; }
    public string CustomerNote { get; set; } = string.Empty;
    public List<EmuLine> Lines { get; } = [];

    /// <summary>WooCommerce's <c>_order_stock_reduced</c>: the order's lines hold stock.</summary>
    public bool StockReduced { get; set; }
    public List<(long Id, string Key, JsonNode? Value)> Meta { get; } = [];
    public List<EmuNote> Notes { get; } = [];
    public List<EmuRefund> Refunds { get; } = [];
}

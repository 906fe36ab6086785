using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Connectors.Testing.WooCommerce.Internal;

namespace Connectors.Testing.WooCommerce;

/// <summary>
/// How WooCommerce moves stock by itself (with <see cref="ManageOrderStock"/>): <c>wc_maybe_reduce_stock_levels</c> on
/// <c>processing</c>/<c>completed</c>/<c>on-hold</c>, <c>wc_maybe_increase_stock_levels</c> on <c>cancelled</c>/<c>pending</c>,
/// and <c>wc_restock_refunded_items</c> for refunds with <c>api_restock</c>; and how it reads a stock value
/// (<c>wc_stock_amount</c>, PHP's <c>intval</c>).
/// </summary>
public sealed partial class WooCommerceEmulator
{
    private static readonly string[] ReducingStatuses = ["processing", "completed", "on-hold"];
    private static readonly string[] RestoringStatuses = ["cancelled", "pending"];

    /// <summary>Whether the order's stock is reduced now (its <c>_order_stock_reduced</c>).</summary>
    /// <param name="orderId">The order.</param>
    /// <returns><see langword="true"/> when the order holds stock.</returns>
    public bool IsOrderStockReduced(long orderId)
    {
        lock (_gate)
        {
            return _orders[orderId].StockReduced;
        }
    }

    /// <summary>Sets a product's or variation's stock as the shop admin would (no webhook, no order).</summary>
    /// <param name="productId">The product (the parent for a variation).</param>
    /// <param name="stock">The new stock.</param>
    /// <param name="variationId">The variation, or 0.</param>
    public void SetStock(long productId, int stock, long variationId = 0)
    {
        lock (_gate)
        {
            var product = _products[variationId == 0 ? productId : variationId];
            product.ManageStock = true;
            product.Stock = stock;
            product.Modified = Now;
        }
    }

    /// <summary>Turns stock management of a product or variation on or off, as the shop admin would.</summary>
    /// <param name="productId">The product (the parent for a variation).</param>
    /// <param name="manageStock">Whether the shop manages its stock.</param>
    /// <param name="variationId">The variation, or 0.</param>
    public void SetManageStock(long productId, bool manageStock, long variationId = 0)
    {
        lock (_gate)
        {
            var product = _products[variationId == 0 ? productId : variationId];
            product.ManageStock = manageStock;
            product.Modified = Now;
        }
    }

    private void ChangeStatusLocked(EmuOrder order, string status)
    {
        if (status == order.Status)
        {
            return;
        }

        var from = order.Status;
        order.Notes.Add(new EmuNote(_nextId++, $"Order status changed from {Label(from)} to {Label(status)}.", false, Now, "WooCommerce"));
        order.Status = status;
        order.Modified = Now;
        if (status == "completed")
        {
            order.Completed = Now;
        }

        OnStatusLocked(order, from, status);
    }

    /// <summary>The stock hooks of a status transition (also for a new order, which starts from <c>pending</c>).</summary>
    private void OnStatusLocked(EmuOrder order, string from, string to)
    {
        if (!ManageOrderStock || from == to)
        {
            return;
        }

        if (ReducingStatuses.Contains(to) && !order.StockReduced)
        {
            var changes = new List<string>();
            foreach (var line in order.Lines)
            {
                if (line.Reduced == 0 && Stocked(line) is { } product)
                {
                    var before = product.Stock ?? 0;
                    product.Stock = before - line.Quantity;
                    product.Modified = Now;
                    line.Reduced = line.Quantity;
                    line.HasReducedMeta = true;
                    changes.Add($"{product.Name} ({product.Sku}) {before}&rarr;{product.Stock}");
                }
            }

            order.StockReduced = true;
            if (changes.Count > 0)
            {
                order.Notes.Add(new EmuNote(_nextId++, "Stock levels reduced: " + string.Join(", ", changes), false, Now, "WooCommerce"));
            }
        }
        else if (RestoringStatuses.Contains(to) && order.StockReduced)
        {
            var changes = new List<string>();
            foreach (var line in order.Lines)
            {
                if (line.Reduced != 0 && Stocked(line) is { } product)
                {
                    var before = product.Stock ?? 0;
                    product.Stock = before + line.Reduced;
                    product.Modified = Now;
                    line.Reduced = 0;
                    line.HasReducedMeta = false; // wc_increase_stock_levels deletes the meta
                    changes.Add($"{product.Name} ({product.Sku}) {before}&rarr;{product.Stock}");
                }
            }

            order.StockReduced = false;
            if (changes.Count > 0)
            {
                order.Notes.Add(new EmuNote(_nextId++, "Stock levels increased: " + string.Join(", ", changes), false, Now, "WooCommerce"));
            }
        }
    }

    /// <summary><c>wc_restock_refunded_items</c>: only when the order reduced stock (or always, with order stock off).</summary>
    private void RestockLocked(EmuOrder order, EmuLine line, int quantity)
    {
        if (quantity <= 0 || Stocked(line) is not { } product || (ManageOrderStock && (!order.StockReduced || line.Reduced == 0)))
        {
            return;
        }

        var before = product.Stock ?? 0;
        product.Stock = before + quantity;
        product.Modified = Now;
        line.Reduced -= Math.Min(line.Reduced, quantity);
        line.RestockedByRefunds += quantity;
        order.Notes.Add(new EmuNote(_nextId++, $"Item #{line.ProductId} stock increased from {before} to {product.Stock}.", false, Now, "WooCommerce"));
    }

    private EmuProduct? Stocked(EmuLine line) =>
        _products.TryGetValue(line.VariationId == 0 ? line.ProductId : line.VariationId, out var product) && product.ManageStock ? product : null;

    private static string Label(string status) => status switch
    {
        "pending" => "Pending payment",
        "processing" => "Processing",
        "on-hold" => "On hold",
        "completed" => "Completed",
        "cancelled" => "Cancelled",
        "refunded" => "Refunded",
        "failed" => "Failed",
        _ => status,
    };

    /// <summary>
    /// <c>wc_stock_amount()</c>: PHP's <c>intval</c> of the value as sent, so <c>"1.5"</c> and <c>1.9</c> are 1, <c>"-3"</c>
    /// is -3 (negative stock is allowed: backorders), and text without a leading number is 0. Only JSON that is not a
    /// scalar (an object or array) is refused.
    /// </summary>
    internal static long? StockAmount(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<double>(out var d))
        {
            return (long)Math.Truncate(d);
        }

        if (value.TryGetValue<bool>(out var b))
        {
            return b ? 1 : 0;
        }

        if (!value.TryGetValue<string>(out var s))
        {
            return null;
        }

        // The longest numeric prefix after leading whitespace, as PHP 8 reads a leading-numeric string.
        var text = s.TrimStart();
        var prefix = new StringBuilder();
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            prefix.Append(text[i++]);
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && !prefix.ToString().Contains('.', StringComparison.Ordinal))))
        {
            prefix.Append(text[i++]);
        }

        return decimal.TryParse(prefix.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? (long)decimal.Truncate(number) : 0;
    }
}

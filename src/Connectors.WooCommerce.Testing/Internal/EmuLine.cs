namespace Connectors.Testing.WooCommerce.Internal;

internal sealed class EmuLine
{
    public long Id { get; init; }
    public long ProductId { get; init; }
    public long VariationId { get; init; }
    public required string Name { get; init; }
    public required string Sku { get; init; }
    public int Quantity { get; init; }
    public decimal Price { get; init; }
    public long RefundedItemId { get; init; }

    /// <summary>Units this line took from stock (WooCommerce's <c>_reduced_stock</c> item meta); restored on cancel, lowered by restocking refunds.</summary>
    public int Reduced { get; set; }

    /// <summary>Whether the line carries <c>_reduced_stock</c>: written on reduction, kept (lowered) by restocking refunds, deleted on restore.</summary>
    public bool HasReducedMeta { get; set; }

    /// <summary>Units restocked by refunds (WooCommerce's <c>_restock_refunded_items</c> item meta).</summary>
    public int RestockedByRefunds { get; set; }
}

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooRefundLineCreate
{
    public long Id { get; init; }
    public int Quantity { get; init; }
    public decimal? RefundTotal { get; init; }
}

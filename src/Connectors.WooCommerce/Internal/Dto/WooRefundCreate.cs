namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooRefundCreate
{
    public decimal? Amount { get; init; }
    public string? Reason { get; init; }
    public bool ApiRefund { get; init; }
    public bool ApiRestock { get; init; }
    public List<WooRefundLineCreate> LineItems { get; set; } = [];
}

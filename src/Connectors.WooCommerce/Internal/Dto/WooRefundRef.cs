namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooRefundRef
{
    public long Id { get; init; }
    public string? Reason { get; init; }
    public decimal? Total { get; init; }
}

namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooShippingLine
{
    public string? MethodTitle { get; init; }
    public string? MethodId { get; init; }
    public decimal? Total { get; init; }
}

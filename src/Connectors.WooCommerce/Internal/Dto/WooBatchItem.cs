namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooBatchItem
{
    public long Id { get; init; }
    public int? StockQuantity { get; init; }
    public WooError? Error { get; init; }
}

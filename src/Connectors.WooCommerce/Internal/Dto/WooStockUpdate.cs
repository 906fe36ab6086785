namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooStockUpdate
{
    public long Id { get; init; }
    public bool? ManageStock { get; init; }
    public int? StockQuantity { get; init; }
}

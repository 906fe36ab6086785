namespace Connectors.WooCommerce.Internal.Dto;

internal sealed class WooBatchItem
{
    public long Id { get; init; }
    public int? StockQuantity { get; init; }

    [System.Text.Json.Serialization.JsonConverter(typeof(Json.FlexibleBooleanConverter))]
    public bool? ManageStock { get; init; }
    public string? RegularPrice { get; init; }
    public string? SalePrice { get; init; }
    public string? DateOnSaleFromGmt { get; init; }
    public string? DateOnSaleToGmt { get; init; }
    public string? Status { get; init; }
    public string? StockStatus { get; init; }
    public WooError? Error { get; init; }
}

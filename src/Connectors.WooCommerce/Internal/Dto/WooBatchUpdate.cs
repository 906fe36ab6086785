namespace Connectors.WooCommerce.Internal.Dto;

/// <summary>
/// One item of a <c>products/batch</c> or <c>variations/batch</c> update: stock fields for an inventory push, price fields
/// for a price push, status fields for a listing action (null fields are not sent, so one flow never touches the others'
/// fields). An empty string clears a
/// field: WooCommerce tests the price and schedule fields with <c>isset</c>, and <c>""</c> sets them to nothing.
/// </summary>
internal sealed class WooBatchUpdate
{
    public long Id { get; init; }
    public bool? ManageStock { get; init; }
    public int? StockQuantity { get; init; }
    public string? RegularPrice { get; init; }
    public string? SalePrice { get; init; }
    public string? DateOnSaleFromGmt { get; init; }
    public string? DateOnSaleToGmt { get; init; }
    public string? Status { get; init; }
    public string? StockStatus { get; init; }
}

using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>A row of <c>WarehouseAvailableStock</c> (api_whse_availablestock, V4): the fields the adapter selects.</summary>
internal sealed class AvailableStockRow
{
    [JsonPropertyName("EWMWarehouse")]
    public string? EWMWarehouse { get; init; }

    [JsonPropertyName("Product")]
    public string? Product { get; init; }

    [JsonPropertyName("Batch")]
    public string? Batch { get; init; }

    [JsonPropertyName("EWMStockType")]
    public string? EWMStockType { get; init; }

    [JsonPropertyName("AvailableEWMStockQty")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? AvailableEWMStockQty { get; init; }

    [JsonPropertyName("EWMStockQuantityBaseUnit")]
    public string? EWMStockQuantityBaseUnit { get; init; }
}

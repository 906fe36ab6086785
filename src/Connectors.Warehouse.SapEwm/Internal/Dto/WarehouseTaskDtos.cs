using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>A <c>WarehouseTask</c> (api_warehouse_order_task_2, V4): the fields the adapter selects.</summary>
internal sealed class WarehouseTaskRead
{
    [JsonPropertyName("WarehouseTask")]
    public string? WarehouseTask { get; init; }

    [JsonPropertyName("Product")]
    public string? Product { get; init; }

    [JsonPropertyName("Batch")]
    public string? Batch { get; init; }

    [JsonPropertyName("EWMStockType")]
    public string? EWMStockType { get; init; }

    [JsonPropertyName("TargetQuantityInBaseUnit")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? TargetQuantityInBaseUnit { get; init; }
}

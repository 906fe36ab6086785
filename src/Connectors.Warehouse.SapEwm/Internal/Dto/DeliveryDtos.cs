using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>A <c>WhseOutboundDeliveryOrderHead</c> (api_whse_outb_delivery_order_2, V4) with its expanded items.</summary>
internal sealed class OdoHead
{
    [JsonPropertyName("@odata.etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("EWMOutboundDeliveryOrder")]
    public string? EWMOutboundDeliveryOrder { get; init; }

    [JsonPropertyName("EWMWarehouse")]
    public string? EWMWarehouse { get; init; }

    [JsonPropertyName("Carrier")]
    public string? Carrier { get; init; }

    [JsonPropertyName("CarrierName")]
    public string? CarrierName { get; init; }

    [JsonPropertyName("MasterBillOfLading")]
    public string? MasterBillOfLading { get; init; }

    [JsonPropertyName("TranspOrdPartnerReference")]
    public string? TranspOrdPartnerReference { get; init; }

    [JsonPropertyName("EWMDelivLastChangeUTCDateTime")]
    public DateTimeOffset? EWMDelivLastChangeUTCDateTime { get; init; }

    [JsonPropertyName("_WhseOutbDeliveryOrderItem")]
    public List<OdoItem>? Items { get; init; }
}

/// <summary>The change of an outbound delivery order item's quantity (<c>WhseOutboundDeliveryOrderItem</c> PATCH).</summary>
internal sealed class OdoItemQuantity
{
    [JsonPropertyName("ProductQuantity")]
    public required decimal ProductQuantity { get; init; }
}

/// <summary>A <c>WhseOutboundDeliveryOrderItem</c>: the fields the adapter selects.</summary>
internal sealed class OdoItem
{
    [JsonPropertyName("@odata.etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("EWMOutboundDeliveryOrder")]
    public string? EWMOutboundDeliveryOrder { get; init; }

    [JsonPropertyName("EWMOutboundDeliveryOrderItem")]
    public string? EWMOutboundDeliveryOrderItem { get; init; }

    [JsonPropertyName("Product")]
    public string? Product { get; init; }

    [JsonPropertyName("Batch")]
    public string? Batch { get; init; }

    [JsonPropertyName("ProductQuantity")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? ProductQuantity { get; init; }

    [JsonPropertyName("QuantityUnit")]
    public string? QuantityUnit { get; init; }

    [JsonPropertyName("GoodsIssueStatus")]
    public string? GoodsIssueStatus { get; init; }

    [JsonPropertyName("PickingStatus")]
    public string? PickingStatus { get; init; }

    [JsonPropertyName("SalesOrder")]
    public string? SalesOrder { get; init; }

    [JsonPropertyName("SalesOrderItem")]
    public string? SalesOrderItem { get; init; }

    [JsonPropertyName("ActlGoodsIssueStartUTCDateTime")]
    public DateTimeOffset? ActlGoodsIssueStartUTCDateTime { get; init; }
}

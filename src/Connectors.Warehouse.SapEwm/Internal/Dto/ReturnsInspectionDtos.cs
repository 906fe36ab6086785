using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>A <c>ReturnsInspection</c> header (api_returnsinspection_2, V4) with its expanded items.</summary>
internal sealed class ReturnsInspectionRead
{
    [JsonPropertyName("ReturnsInspection")]
    public string? ReturnsInspection { get; init; }

    [JsonPropertyName("ReturnsDelivery")]
    public string? ReturnsDelivery { get; init; }

    [JsonPropertyName("RetsInspectionIsToBeConfirmed")]
    public bool? RetsInspectionIsToBeConfirmed { get; init; }

    [JsonPropertyName("LastChangeDateTime")]
    public DateTimeOffset? LastChangeDateTime { get; init; }

    [JsonPropertyName("_Item")]
    public List<ReturnsInspectionItemRead>? Items { get; init; }
}

/// <summary>A <c>ReturnsInspectionItem</c>: the fields the adapter selects.</summary>
internal sealed class ReturnsInspectionItemRead
{
    [JsonPropertyName("ReturnsInspection")]
    public string? ReturnsInspection { get; init; }

    [JsonPropertyName("ReturnsInspectionItem")]
    public string? ReturnsInspectionItem { get; init; }

    [JsonPropertyName("ReturnsDeliveryItem")]
    public string? ReturnsDeliveryItem { get; init; }

    [JsonPropertyName("Product")]
    public string? Product { get; init; }

    [JsonPropertyName("InspectedProductQtyInBaseUnit")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? InspectedProductQtyInBaseUnit { get; init; }

    [JsonPropertyName("ReturnsFollowUpActivity")]
    public string? ReturnsFollowUpActivity { get; init; }
}

/// <summary>An <c>A_CustomerReturnProcessStep</c> (API_CUSTOMER_RETURN_SRV, V2): a document of a returns process.</summary>
internal sealed class CustomerReturnProcessStepRead
{
    [JsonPropertyName("RetsMgmtProcess")]
    public string? RetsMgmtProcess { get; init; }

    [JsonPropertyName("ReturnsDocument")]
    public string? ReturnsDocument { get; init; }
}

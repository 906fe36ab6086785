using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>A <c>HandlingUnitReferenceDocument</c> (api_handlingunit, V4): which handling unit belongs to which delivery.</summary>
internal sealed class HandlingUnitReferenceRead
{
    [JsonPropertyName("HandlingUnitExternalID")]
    public string? HandlingUnitExternalID { get; init; }

    [JsonPropertyName("EWMOutboundDeliveryOrder")]
    public string? EWMOutboundDeliveryOrder { get; init; }
}

/// <summary>A <c>HandlingUnit</c> with its items and alternative ids expanded.</summary>
internal sealed class HandlingUnitRead
{
    [JsonPropertyName("HandlingUnitExternalID")]
    public string? HandlingUnitExternalID { get; init; }

    [JsonPropertyName("_HandlingUnitItem")]
    public List<HandlingUnitItemRead>? Items { get; init; }

    [JsonPropertyName("_HandlingUnitAlternativeID")]
    public List<HandlingUnitAlternativeIdRead>? AlternativeIds { get; init; }
}

/// <summary>A <c>HandlingUnitItem</c>: a product quantity packed in the handling unit.</summary>
internal sealed class HandlingUnitItemRead
{
    [JsonPropertyName("Material")]
    public string? Material { get; init; }

    [JsonPropertyName("Batch")]
    public string? Batch { get; init; }

    [JsonPropertyName("HandlingUnitQuantity")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? HandlingUnitQuantity { get; init; }
}

/// <summary>A <c>HandlingUnitAlternativeID</c>: an identification of the handling unit of a given type (for example a carrier's parcel number).</summary>
internal sealed class HandlingUnitAlternativeIdRead
{
    [JsonPropertyName("EWMHndlgUnitAltvIDType")]
    public string? EWMHndlgUnitAltvIDType { get; init; }

    [JsonPropertyName("EWMHndlgUnitAltvID")]
    public string? EWMHndlgUnitAltvID { get; init; }
}

using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>
/// The deep insert of <c>A_CustomerReturn</c> (API_CUSTOMER_RETURN_SRV, V2): header and items. SAP's API file for this
/// service gives the items in the V2 form <c>"to_Item": {"results": [...]}</c> (the Sales Order file gives a plain array).
/// </summary>
internal sealed class CustomerReturnCreate
{
    [JsonPropertyName("CustomerReturnType")]
    public required string CustomerReturnType { get; init; }

    [JsonPropertyName("SalesOrganization")]
    public required string SalesOrganization { get; init; }

    [JsonPropertyName("DistributionChannel")]
    public required string DistributionChannel { get; init; }

    [JsonPropertyName("OrganizationDivision")]
    public required string OrganizationDivision { get; init; }

    [JsonPropertyName("SoldToParty")]
    public required string SoldToParty { get; init; }

    [JsonPropertyName("PurchaseOrderByCustomer")]
    public required string PurchaseOrderByCustomer { get; init; }

    /// <summary>The rest of a return key longer than <c>PurchaseOrderByCustomer</c> holds (18 characters).</summary>
    [JsonPropertyName("AssignmentReference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AssignmentReference { get; init; }

    [JsonPropertyName("ReferenceSDDocument")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReferenceSDDocument { get; init; }

    [JsonPropertyName("to_Item")]
    public required ODataV2Results<CustomerReturnItemCreate> Items { get; init; }
}

/// <summary>An item of the customer return deep insert (<c>A_CustomerReturnItem</c>).</summary>
internal sealed class CustomerReturnItemCreate
{
    [JsonPropertyName("CustomerReturnItem")]
    public required string CustomerReturnItem { get; init; }

    [JsonPropertyName("Material")]
    public required string Material { get; init; }

    [JsonPropertyName("RequestedQuantity")]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public required decimal RequestedQuantity { get; init; }

    [JsonPropertyName("RequestedQuantityUnit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestedQuantityUnit { get; init; }

    [JsonPropertyName("ReturnReason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReturnReason { get; init; }
}

/// <summary>A customer return as read back.</summary>
internal sealed class CustomerReturnRead
{
    [JsonPropertyName("CustomerReturn")]
    public string? CustomerReturn { get; init; }

    [JsonPropertyName("PurchaseOrderByCustomer")]
    public string? PurchaseOrderByCustomer { get; init; }

    [JsonPropertyName("AssignmentReference")]
    public string? AssignmentReference { get; init; }

    [JsonPropertyName("ReferenceSDDocument")]
    public string? ReferenceSDDocument { get; init; }
}

using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>
/// The deep insert of <c>A_SalesOrder</c> (API_SALES_ORDER_SRV, V2): header, ship-to partner with its address, items.
/// Only fields SAP marks creatable; optional ones are left out when empty so that SAP's defaults apply.
/// </summary>
internal sealed class SalesOrderCreate
{
    [JsonPropertyName("SalesOrderType")]
    public required string SalesOrderType { get; init; }

    [JsonPropertyName("SalesOrganization")]
    public required string SalesOrganization { get; init; }

    [JsonPropertyName("DistributionChannel")]
    public required string DistributionChannel { get; init; }

    [JsonPropertyName("OrganizationDivision")]
    public required string OrganizationDivision { get; init; }

    [JsonPropertyName("SoldToParty")]
    public required string SoldToParty { get; init; }

    [JsonPropertyName("PurchaseOrderByCustomer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurchaseOrderByCustomer { get; init; }

    [JsonPropertyName("PurchaseOrderByShipToParty")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurchaseOrderByShipToParty { get; init; }

    [JsonPropertyName("to_Partner")]
    public required List<SalesOrderPartnerCreate> Partners { get; init; }

    [JsonPropertyName("to_Item")]
    public required List<SalesOrderItemCreate> Items { get; init; }
}

/// <summary>A header partner of the deep insert (<c>A_SalesOrderHeaderPartner</c>) with its address.</summary>
internal sealed class SalesOrderPartnerCreate
{
    [JsonPropertyName("PartnerFunction")]
    public required string PartnerFunction { get; init; }

    [JsonPropertyName("Customer")]
    public required string Customer { get; init; }

    [JsonPropertyName("to_Address")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<SalesOrderAddressCreate>? Address { get; init; }
}

/// <summary>A partner address of the deep insert (<c>A_SalesOrderPartnerAddress</c>).</summary>
internal sealed class SalesOrderAddressCreate
{
    [JsonPropertyName("OrganizationName1")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganizationName1 { get; init; }

    [JsonPropertyName("OrganizationName2")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OrganizationName2 { get; init; }

    [JsonPropertyName("StreetName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StreetName { get; init; }

    [JsonPropertyName("StreetSuffixName1")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StreetSuffixName1 { get; init; }

    [JsonPropertyName("CityName")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CityName { get; init; }

    [JsonPropertyName("PostalCode")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PostalCode { get; init; }

    [JsonPropertyName("Region")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Region { get; init; }

    [JsonPropertyName("Country")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Country { get; init; }

    [JsonPropertyName("PhoneNumber")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("EmailAddress")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EmailAddress { get; init; }
}

/// <summary>An item of the deep insert (<c>A_SalesOrderItem</c>). V2 writes <c>Edm.Decimal</c> as a string.</summary>
internal sealed class SalesOrderItemCreate
{
    [JsonPropertyName("SalesOrderItem")]
    public required string SalesOrderItem { get; init; }

    [JsonPropertyName("Material")]
    public required string Material { get; init; }

    [JsonPropertyName("RequestedQuantity")]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public required decimal RequestedQuantity { get; init; }

    [JsonPropertyName("RequestedQuantityUnit")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RequestedQuantityUnit { get; init; }
}

/// <summary>A sales order as read back (header fields the adapter selects).</summary>
internal sealed class SalesOrderRead
{
    [JsonPropertyName("__metadata")]
    public ODataV2Metadata? Metadata { get; init; }

    [JsonPropertyName("SalesOrder")]
    public string? SalesOrder { get; init; }

    [JsonPropertyName("PurchaseOrderByCustomer")]
    public string? PurchaseOrderByCustomer { get; init; }

    [JsonPropertyName("PurchaseOrderByShipToParty")]
    public string? PurchaseOrderByShipToParty { get; init; }

    [JsonPropertyName("OverallSDProcessStatus")]
    public string? OverallSDProcessStatus { get; init; }

    [JsonPropertyName("LastChangeDateTime")]
    [JsonConverter(typeof(OData.ODataV2DateConverter))]
    public DateTimeOffset? LastChangeDateTime { get; init; }
}

/// <summary>A sales order item as read back.</summary>
internal sealed class SalesOrderItemRead
{
    [JsonPropertyName("__metadata")]
    public ODataV2Metadata? Metadata { get; init; }

    [JsonPropertyName("SalesOrder")]
    public string? SalesOrder { get; init; }

    [JsonPropertyName("SalesOrderItem")]
    public string? SalesOrderItem { get; init; }

    [JsonPropertyName("SalesDocumentRjcnReason")]
    public string? SalesDocumentRjcnReason { get; init; }

    [JsonPropertyName("SDProcessStatus")]
    public string? SDProcessStatus { get; init; }

    [JsonPropertyName("Material")]
    public string? Material { get; init; }

    [JsonPropertyName("RequestedQuantity")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public decimal? RequestedQuantity { get; init; }
}

/// <summary>The ship-to address of a sales order as read back (<c>A_SalesOrderPartnerAddress</c>, the postal fields the adapter writes).</summary>
internal sealed class SalesOrderAddressRead
{
    [JsonPropertyName("OrganizationName1")]
    public string? OrganizationName1 { get; init; }

    [JsonPropertyName("OrganizationName2")]
    public string? OrganizationName2 { get; init; }

    [JsonPropertyName("StreetName")]
    public string? StreetName { get; init; }

    [JsonPropertyName("StreetSuffixName1")]
    public string? StreetSuffixName1 { get; init; }

    [JsonPropertyName("CityName")]
    public string? CityName { get; init; }

    [JsonPropertyName("PostalCode")]
    public string? PostalCode { get; init; }

    [JsonPropertyName("Region")]
    public string? Region { get; init; }

    [JsonPropertyName("Country")]
    public string? Country { get; init; }
}

/// <summary>The change of a sales order item's quantity (<c>A_SalesOrderItem</c> PATCH; V2 decimals are strings).</summary>
internal sealed class SalesOrderItemQuantity
{
    [JsonPropertyName("RequestedQuantity")]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
    public required decimal RequestedQuantity { get; init; }
}

/// <summary>The change that rejects a sales order item (<c>A_SalesOrderItem</c> PATCH).</summary>
internal sealed class SalesOrderItemReject
{
    [JsonPropertyName("SalesDocumentRjcnReason")]
    public required string SalesDocumentRjcnReason { get; init; }
}

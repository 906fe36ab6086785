using System.Text.Json.Serialization;

namespace Connectors.Warehouse.SapEwm.Internal.Dto;

/// <summary>The adapter's one source-generated JSON context. Unknown fields are ignored (SAP adds fields between releases).</summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OAuthTokenResponse))]
[JsonSerializable(typeof(ODataV4Page<AvailableStockRow>))]
[JsonSerializable(typeof(ODataV4Page<OdoHead>))]
[JsonSerializable(typeof(ODataV4Page<OdoItem>))]
[JsonSerializable(typeof(ODataV2Envelope<ODataV2Collection<SalesOrderRead>>))]
[JsonSerializable(typeof(ODataV2Envelope<ODataV2Collection<SalesOrderItemRead>>))]
[JsonSerializable(typeof(ODataV2Envelope<SalesOrderRead>))]
[JsonSerializable(typeof(SalesOrderCreate))]
[JsonSerializable(typeof(SalesOrderItemReject))]
[JsonSerializable(typeof(SalesOrderItemQuantity))]
[JsonSerializable(typeof(ODataV2Envelope<ODataV2Collection<SalesOrderAddressRead>>))]
[JsonSerializable(typeof(OdoItemQuantity))]
[JsonSerializable(typeof(CustomerReturnCreate))]
[JsonSerializable(typeof(ODataV2Envelope<CustomerReturnRead>))]
[JsonSerializable(typeof(ODataV2Envelope<ODataV2Collection<CustomerReturnRead>>))]
[JsonSerializable(typeof(ODataV4Page<ReturnsInspectionRead>))]
[JsonSerializable(typeof(ODataV2Envelope<ODataV2Collection<CustomerReturnProcessStepRead>>))]
[JsonSerializable(typeof(ODataV4Page<WarehouseTaskRead>))]
[JsonSerializable(typeof(ODataV4Page<HandlingUnitReferenceRead>))]
[JsonSerializable(typeof(ODataV4Page<HandlingUnitRead>))]
internal sealed partial class SapJsonContext : JsonSerializerContext
{
}

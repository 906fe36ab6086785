using System.Text.Json.Serialization;
using Connectors.Fulfillment.Internal;
using Connectors.Orders.Internal;

namespace Connectors.Internal;

/// <summary>
/// The package's one source-generated JSON context: the payloads of inbox and outbox work items and the state kept
/// in order records. camelCase, enums as strings, nulls omitted, unknown fields tolerated. The model records are read
/// through their validating constructors, so a payload that no longer validates fails loudly instead of half-loading.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(MoneyJsonConverter)])]
[JsonSerializable(typeof(OrderInboxPayload))]
[JsonSerializable(typeof(OrderState))]
[JsonSerializable(typeof(ChannelOrder))]
[JsonSerializable(typeof(WarehouseOrder))]
[JsonSerializable(typeof(WarehouseShipment))]
[JsonSerializable(typeof(ReturnRequest))]
[JsonSerializable(typeof(ReturnNoticePayload))]
[JsonSerializable(typeof(ReturnReceipt))]
[JsonSerializable(typeof(TrackingUpdatePayload))]
[JsonSerializable(typeof(ReturnReceiptLine))]
internal sealed partial class ConnectorsJsonContext : JsonSerializerContext
{
}

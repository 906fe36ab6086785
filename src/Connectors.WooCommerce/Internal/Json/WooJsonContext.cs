using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.WooCommerce.Internal.Dto;

namespace Connectors.WooCommerce.Internal.Json;

/// <summary>The source-generated JSON metadata of the WooCommerce wire format. Unknown fields are ignored; drift is tolerated by the converters.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(FlexibleStringConverter), typeof(FlexibleDecimalConverter), typeof(FlexibleInt32Converter), typeof(FlexibleInt64Converter), typeof(FlexibleBooleanConverter)])]
[JsonSerializable(typeof(WooOrder))]
[JsonSerializable(typeof(List<WooOrder>))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(WooProduct))]
[JsonSerializable(typeof(List<WooProduct>))]
[JsonSerializable(typeof(WooError))]
[JsonSerializable(typeof(WooBatchRequest))]
[JsonSerializable(typeof(WooBatchResponse))]
[JsonSerializable(typeof(List<WooSetting>))]
[JsonSerializable(typeof(WooNote))]
[JsonSerializable(typeof(List<WooNote>))]
[JsonSerializable(typeof(WooNoteCreate))]
[JsonSerializable(typeof(WooOrderUpdate))]
[JsonSerializable(typeof(WooRefund))]
[JsonSerializable(typeof(List<WooRefund>))]
[JsonSerializable(typeof(WooRefundCreate))]
[JsonSerializable(typeof(List<WooShipmentRecord>))]
[JsonSerializable(typeof(List<WooShipmentTrackingItem>))]
[JsonSerializable(typeof(WooDeletedResource))]
[JsonSerializable(typeof(WooShipmentTrackingItem))]
[JsonSerializable(typeof(string))]
internal sealed partial class WooJsonContext : JsonSerializerContext
{
}

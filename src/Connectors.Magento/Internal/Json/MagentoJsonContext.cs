using System.Text.Json;
using System.Text.Json.Serialization;
using Connectors.Magento.Internal.Dto;

namespace Connectors.Magento.Internal.Json;

/// <summary>
/// The one source-generated JSON context of the package. Unknown fields are skipped; numbers are also read from
/// strings (Magento renders some decimals as <c>"12.0000"</c>); nulls are not written.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(AdminTokenRequest))]
[JsonSerializable(typeof(SourceItemsRequest))]
[JsonSerializable(typeof(SearchResult<SourceItem>))]
[JsonSerializable(typeof(SearchResult<Product>))]
[JsonSerializable(typeof(SearchResult<Order>))]
[JsonSerializable(typeof(SearchResult<JsonElement>))]
[JsonSerializable(typeof(SearchResult<OrderItem>))]
[JsonSerializable(typeof(SearchResult<Shipment>))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderCommentRequest))]
[JsonSerializable(typeof(ShipOrderRequest))]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(ShipmentTrackRequest))]
[JsonSerializable(typeof(SearchResult<CreditMemo>))]
[JsonSerializable(typeof(SearchResult<CreditMemoComment>))]
[JsonSerializable(typeof(RefundOrderRequest))]
[JsonSerializable(typeof(SearchResult<Rma>))]
[JsonSerializable(typeof(SearchResult<RmaComment>))]
[JsonSerializable(typeof(RmaCommentRequest))]
[JsonSerializable(typeof(Rma))]
[JsonSerializable(typeof(List<SourceItemsRequest>))]
[JsonSerializable(typeof(AsyncBulkResponse))]
[JsonSerializable(typeof(BulkStatus))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonObject))]
[JsonSerializable(typeof(BasePricesRequest))]
[JsonSerializable(typeof(SpecialPricesRequest))]
[JsonSerializable(typeof(SkusRequest))]
[JsonSerializable(typeof(List<PriceUpdateResult>))]
[JsonSerializable(typeof(List<SpecialPriceItem>))]
[JsonSerializable(typeof(List<StoreConfig>))]
[JsonSerializable(typeof(ProductStatusRequest))]
[JsonSerializable(typeof(Product))]
internal sealed partial class MagentoJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connectors.Shopify.Internal.Json;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GraphRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(GraphResponse<JsonElement>))]
[JsonSerializable(typeof(ProductVariantsVariables))]
[JsonSerializable(typeof(GraphResponse<ProductVariantsData>))]
[JsonSerializable(typeof(LocationsVariables))]
[JsonSerializable(typeof(GraphResponse<LocationsData>))]
[JsonSerializable(typeof(InventorySetQuantitiesVariables))]
[JsonSerializable(typeof(GraphResponse<InventorySetQuantitiesData>))]
[JsonSerializable(typeof(InventoryLevelsVariables))]
[JsonSerializable(typeof(InventoryItemLevelsVariables))]
[JsonSerializable(typeof(GraphResponse<InventoryLevelsData>))]
[JsonSerializable(typeof(GraphResponse<InventoryItemLevelsData>))]
[JsonSerializable(typeof(OrdersVariables))]
[JsonSerializable(typeof(OrderVariables))]
[JsonSerializable(typeof(GraphResponse<OrdersData>))]
[JsonSerializable(typeof(GraphResponse<OrderData>))]
[JsonSerializable(typeof(TagsAddVariables))]
[JsonSerializable(typeof(GraphResponse<TagsAddData>))]
[JsonSerializable(typeof(MetafieldsSetVariables))]
[JsonSerializable(typeof(GraphResponse<MetafieldsSetData>))]
[JsonSerializable(typeof(FulfillmentOrdersVariables))]
[JsonSerializable(typeof(GraphResponse<FulfillmentOrdersData>))]
[JsonSerializable(typeof(FulfillmentCreateVariables))]
[JsonSerializable(typeof(GraphResponse<FulfillmentCreateData>))]
[JsonSerializable(typeof(FulfillmentTrackingInfoUpdateVariables))]
[JsonSerializable(typeof(GraphResponse<FulfillmentTrackingInfoUpdateData>))]
[JsonSerializable(typeof(ReturnsVariables))]
[JsonSerializable(typeof(GraphResponse<ReturnsData>))]
[JsonSerializable(typeof(ReturnProcessVariables))]
[JsonSerializable(typeof(GraphResponse<ReturnProcessData>))]
[JsonSerializable(typeof(WebhookSubscriptionCreateVariables))]
[JsonSerializable(typeof(GraphResponse<WebhookSubscriptionCreateData>))]
internal sealed partial class ShopifyJsonContext : JsonSerializerContext
{
}

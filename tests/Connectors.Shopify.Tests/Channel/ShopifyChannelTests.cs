using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace Connectors.Shopify.Tests.Channel;

/// <summary>The channel's operations against WireMock stubs shaped like Shopify's documented responses (partial per feature).</summary>
public sealed partial class ShopifyChannelTests : IDisposable
{
    private const string ServiceLocation = "gid://shopify/Location/900";
    private const string MerchantLocation = "gid://shopify/Location/100";

    private readonly WireMockServer _server = WireMockShop.Start();

    public void Dispose() => _server.Dispose();

    private ServiceProvider Build(Action<ShopifyOptions>? configure = null) => ShopifyTestHost.Build(_server.Address(), configure: configure);

    private ServiceProvider BuildServiceMode(Action<ShopifyOptions>? configure = null) => Build(o =>
    {
        o.FulfillmentServiceMode = true;
        o.FulfillmentServiceLocationId = ServiceLocation;
        o.AcknowledgementTag = null;
        o.AcknowledgementMetafieldKey = null;
        configure?.Invoke(o);
    });

    private static string LineItem(long id, string sku, int quantity, decimal price = 10m) =>
        "{\"id\":\"gid://shopify/LineItem/" + (id) + "\",\"sku\":\"" + (sku) + "\",\"title\":\"" + (sku) + "\",\"quantity\":" + (quantity) + ",\"variant\":{\"id\":\"gid://shopify/ProductVariant/" + (id + 50) + "\",\"inventoryItem\":{\"id\":\"gid://shopify/InventoryItem/" + (id + 70) + "\"}},\"originalUnitPriceSet\":{\"shopMoney\":{\"amount\":\"" + (price.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "\",\"currencyCode\":\"EUR\"}}}";

    private static string Page(bool hasNext, string? cursor, params string[] nodes) =>
        "{\"pageInfo\":{\"hasNextPage\":" + ((hasNext ? "true" : "false")) + ",\"endCursor\":" + ((cursor is null ? "null" : "\"" + cursor + "\"")) + "},\"nodes\":[" + (string.Join(',', nodes)) + "]}";

    private static string Order(long id, string updatedAt, string lineItems, string? cancelledAt = null) =>
        "{\"id\":\"gid://shopify/Order/" + (id) + "\",\"name\":\"#" + (id) + "\",\"createdAt\":\"2026-03-01T09:00:00Z\",\"updatedAt\":\"" + (updatedAt) + "\",\"cancelledAt\":" + ((cancelledAt is null ? "null" : "\"" + cancelledAt + "\"")) + ",\"closed\":false,\"email\":\"b@example.com\",\"tags\":[],\"currencyCode\":\"EUR\",\"displayFinancialStatus\":\"PAID\",\"displayFulfillmentStatus\":\"UNFULFILLED\",\"lineItems\":" + (lineItems) + ",\"fulfillmentOrders\":{\"nodes\":[]}}";

    private static string FoLine(long id, long lineItemId, int total, int remaining) =>
        "{\"id\":\"gid://shopify/FulfillmentOrderLineItem/" + (id) + "\",\"remainingQuantity\":" + (remaining) + ",\"totalQuantity\":" + (total) + ",\"lineItem\":{\"id\":\"gid://shopify/LineItem/" + (lineItemId) + "\"}}";

    private static string FulfillmentOrder(long id, string location, string status, string requestStatus, string lines, string? order = null, string updatedAt = "2026-03-01T10:00:00Z") =>
        "{\"id\":\"gid://shopify/FulfillmentOrder/" + (id) + "\",\"status\":\"" + (status) + "\",\"requestStatus\":\"" + (requestStatus) + "\",\"updatedAt\":\"" + (updatedAt) + "\",\"assignedLocation\":{\"location\":{\"id\":\"" + (location) + "\"}},\"lineItems\":" + (lines) + ((order is null ? string.Empty : ",\"order\":" + order)) + "}";

    private static string FulfillmentOrders(long orderId, string fulfillmentOrders, string fulfillments = "[]", string markers = "[]") =>
        "{\"order\":{\"id\":\"gid://shopify/Order/" + (orderId) + "\",\"shipmentMarker\":null,\"shipmentMarkers\":{\"nodes\":" + (markers) + "},\"fulfillmentOrders\":{\"nodes\":[" + (fulfillmentOrders) + "]},\"fulfillments\":" + (fulfillments) + "}}";

    private static string Answer(string root, long foId, string status, string requestStatus) =>
        "{\"" + (root) + "\":{\"fulfillmentOrder\":{\"id\":\"gid://shopify/FulfillmentOrder/" + (foId) + "\",\"status\":\"" + (status) + "\",\"requestStatus\":\"" + (requestStatus) + "\"},\"userErrors\":[]}}";
}

using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace Connectors.Shopify.Tests.FulfillmentService;

/// <summary>The WMS's answers (refused submission, cancellation accepted or refused) reach Shopify through the channel's <see cref="IWarehouseAnswerChannel"/>.</summary>
public sealed class ShopifyWarehouseAnswerTests : IDisposable
{
    private const string ServiceLocation = "gid://shopify/Location/900";
    private const string OrderId = "gid://shopify/Order/1";

    private readonly WireMockServer _server = WireMockShop.Start();

    public void Dispose() => _server.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChannelOrder Order() => ModelFactory.Order("store-a", OrderId, [("gid://shopify/InventoryItem/1", 1)]);

    private ServiceProvider Build(bool serviceMode = true) => ShopifyTestHost.Build(
        _server.Address(),
        configure: o =>
        {
            o.FulfillmentServiceMode = serviceMode;
            o.FulfillmentServiceLocationId = ServiceLocation;
        });

    private static IWarehouseAnswerChannel Answers(ServiceProvider services)
    {
        Assert.True(services.GetRequiredService<IChannelRegistry>().TryGetPort<IWarehouseAnswerChannel>("store-a", out var answers));
        return answers;
    }

    private void RespondFulfillmentOrder(string status, string requestStatus) =>
        _server.Respond(GraphDocuments.FulfillmentOrders, "{\"order\":{\"id\":\"" + OrderId + "\",\"shipmentMarker\":null,\"shipmentMarkers\":{\"nodes\":[]},\"fulfillmentOrders\":{\"nodes\":[{\"id\":\"gid://shopify/FulfillmentOrder/11\",\"status\":\"" + status + "\",\"requestStatus\":\"" + requestStatus + "\",\"updatedAt\":\"2026-03-01T10:00:00Z\",\"assignedLocation\":{\"location\":{\"id\":\"" + ServiceLocation + "\"}},\"lineItems\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},\"nodes\":[]}}]},\"fulfillments\":[]}}");

    [Fact]
    public async Task ReportOrderRefused_ServiceMode_RejectsThePendingFulfillmentRequestWithTheReason()
    {
        RespondFulfillmentOrder("OPEN", "SUBMITTED");
        _server.Respond(GraphDocuments.FulfillmentOrderRejectFulfillmentRequest, """{"fulfillmentOrderRejectFulfillmentRequest":{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","status":"OPEN","requestStatus":"REJECTED"},"userErrors":[]}}""");
        await using var services = Build();

        await Answers(services).ReportOrderRefusedAsync(Order(), "unknown SKU X-1", Ct);

        var sent = Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderRejectFulfillmentRequest));
        Assert.Contains("unknown SKU X-1", sent["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportCancellation_Cancelled_AcceptsTheCancellationRequest()
    {
        RespondFulfillmentOrder("IN_PROGRESS", "CANCELLATION_REQUESTED");
        _server.Respond(GraphDocuments.FulfillmentOrderAcceptCancellationRequest, """{"fulfillmentOrderAcceptCancellationRequest":{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","status":"CLOSED","requestStatus":"CANCELLATION_ACCEPTED"},"userErrors":[]}}""");
        await using var services = Build();

        await Answers(services).ReportCancellationAsync(Order(), cancelled: true, null, Ct);

        Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderAcceptCancellationRequest));
        Assert.Empty(_server.Sent(GraphDocuments.FulfillmentOrderRejectCancellationRequest));
    }

    [Fact]
    public async Task ReportCancellation_Refused_RejectsTheCancellationRequestWithTheReason()
    {
        RespondFulfillmentOrder("IN_PROGRESS", "CANCELLATION_REQUESTED");
        _server.Respond(GraphDocuments.FulfillmentOrderRejectCancellationRequest, """{"fulfillmentOrderRejectCancellationRequest":{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","status":"IN_PROGRESS","requestStatus":"CANCELLATION_REJECTED"},"userErrors":[]}}""");
        await using var services = Build();

        await Answers(services).ReportCancellationAsync(Order(), cancelled: false, "already picked", Ct);

        var sent = Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderRejectCancellationRequest));
        Assert.Contains("already picked", sent["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_NotInServiceMode_CallNothingOnShopify()
    {
        await using var services = Build(serviceMode: false);

        await Answers(services).ReportOrderRefusedAsync(Order(), "unknown SKU", Ct);
        await Answers(services).ReportCancellationAsync(Order(), cancelled: false, "already picked", Ct);

        Assert.Empty(_server.LogEntries);
    }
}

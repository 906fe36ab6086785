using Connectors.Shopify.Internal;
using Connectors.Shopify.Tests.EndToEnd;
using Connectors.Shopify.Tests.Internal;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace Connectors.Shopify.Tests.FulfillmentService;

/// <summary>The WMS's answers (refused submission, cancellation accepted or refused) reach Shopify through the wrapped WMS port.</summary>
public sealed class FulfillmentServiceWarehouseOrdersTests : IDisposable
{
    private const string ServiceLocation = "gid://shopify/Location/900";
    private const string OrderId = "gid://shopify/Order/1";

    private readonly WireMockServer _server = WireMockShop.Start();
    private readonly ScriptedWarehouse _warehouse = new();

    public void Dispose() => _server.Dispose();

    private ServiceProvider Build(bool serviceMode = true) => ShopifyTestHost.Build(
        _server.Address(),
        configure: o =>
        {
            o.FulfillmentServiceMode = serviceMode;
            o.FulfillmentServiceLocationId = ServiceLocation;
        },
        before: s => s.AddSingleton<IWarehouseOrders>(_warehouse));

    private void RespondFulfillmentOrder(string status, string requestStatus) =>
        _server.Respond(GraphDocuments.FulfillmentOrders, "{\"order\":{\"id\":\"" + (OrderId) + "\",\"shipmentMarker\":null,\"shipmentMarkers\":{\"nodes\":[]},\"fulfillmentOrders\":{\"nodes\":[{\"id\":\"gid://shopify/FulfillmentOrder/11\",\"status\":\"" + (status) + "\",\"requestStatus\":\"" + (requestStatus) + "\",\"updatedAt\":\"2026-03-01T10:00:00Z\",\"assignedLocation\":{\"location\":{\"id\":\"" + (ServiceLocation) + "\"}},\"lineItems\":{\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null},\"nodes\":[]}}]},\"fulfillments\":[]}}");

    private static WarehouseOrder Order() => new("store-a", OrderId, [new WarehouseOrderLine("gid://shopify/LineItem/1", "SKU-1", 1, "gid://shopify/LineItem/1")]);

    [Fact]
    public async Task AddShopify_WarehouseRegisteredFirst_WrapsItOnce()
    {
        await using var services = ShopifyTestHost.Build(
            _server.Address(),
            before: s => s.AddSingleton<IWarehouseOrders>(_warehouse).AddConnectors().AddShopify("store-b", o => { o.BaseAddress = _server.Address(); o.AccessToken = "t"; }));

        Assert.IsType<FulfillmentServiceWarehouseOrders>(services.GetRequiredService<IWarehouseOrders>());
        Assert.Single(services.GetServices<IWarehouseOrders>());
        Assert.True(services.Channel().WarehouseAnswersWired);
    }

    [Fact]
    public async Task AddShopify_NoWarehouseRegisteredFirst_ChannelKnowsAnswersAreNotWired()
    {
        await using var services = ShopifyTestHost.Build(_server.Address());

        Assert.False(services.Channel().WarehouseAnswersWired);
        Assert.Null(services.GetService<IWarehouseOrders>());
    }

    [Fact]
    public async Task SubmitOrder_WarehouseRefuses_RejectsThePendingFulfillmentRequestAndReturnsTheRefusal()
    {
        RespondFulfillmentOrder("OPEN", "SUBMITTED");
        _server.Respond(GraphDocuments.FulfillmentOrderRejectFulfillmentRequest, """{"fulfillmentOrderRejectFulfillmentRequest":{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","status":"OPEN","requestStatus":"REJECTED"},"userErrors":[]}}""");
        _warehouse.RefuseSubmit(OrderId);
        await using var services = Build();

        var result = await services.GetRequiredService<IWarehouseOrders>().SubmitOrderAsync(Order(), "k", TestContext.Current.CancellationToken);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        var sent = Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderRejectFulfillmentRequest));
        Assert.Contains("unknown SKU", sent["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitOrder_WarehouseAccepts_CallsNothingOnShopify()
    {
        await using var services = Build();

        var result = await services.GetRequiredService<IWarehouseOrders>().SubmitOrderAsync(Order(), "k", TestContext.Current.CancellationToken);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task CancelOrder_WarehouseAccepts_AcceptsTheCancellationRequest()
    {
        RespondFulfillmentOrder("IN_PROGRESS", "CANCELLATION_REQUESTED");
        _server.Respond(GraphDocuments.FulfillmentOrderAcceptCancellationRequest, """{"fulfillmentOrderAcceptCancellationRequest":{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","status":"CLOSED","requestStatus":"CANCELLATION_ACCEPTED"},"userErrors":[]}}""");
        await using var services = Build();

        var result = await services.GetRequiredService<IWarehouseOrders>().CancelOrderAsync("store-a", OrderId, "cancelled on the channel", TestContext.Current.CancellationToken);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderAcceptCancellationRequest));
        Assert.Empty(_server.Sent(GraphDocuments.FulfillmentOrderRejectCancellationRequest));
    }

    [Fact]
    public async Task CancelOrder_WarehouseRefuses_RejectsTheCancellationRequestWithTheReason()
    {
        RespondFulfillmentOrder("IN_PROGRESS", "CANCELLATION_REQUESTED");
        _server.Respond(GraphDocuments.FulfillmentOrderRejectCancellationRequest, """{"fulfillmentOrderRejectCancellationRequest":{"fulfillmentOrder":{"id":"gid://shopify/FulfillmentOrder/11","status":"IN_PROGRESS","requestStatus":"CANCELLATION_REJECTED"},"userErrors":[]}}""");
        _warehouse.Inner.RefuseChangesTo("store-a", OrderId, "already picked");
        await using var services = Build();

        var result = await services.GetRequiredService<IWarehouseOrders>().CancelOrderAsync("store-a", OrderId, null, TestContext.Current.CancellationToken);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        var sent = Assert.Single(_server.Sent(GraphDocuments.FulfillmentOrderRejectCancellationRequest));
        Assert.Contains("already picked", sent["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOrder_ChannelNotInServiceMode_PassesStraightThrough()
    {
        await using var services = Build(serviceMode: false);

        await services.GetRequiredService<IWarehouseOrders>().CancelOrderAsync("store-a", OrderId, null, TestContext.Current.CancellationToken);
        await services.GetRequiredService<IWarehouseOrders>().CancelOrderAsync("other-channel", OrderId, null, TestContext.Current.CancellationToken);

        Assert.Empty(_server.LogEntries);
        Assert.Equal(2, _warehouse.Calls.Count);
    }
}

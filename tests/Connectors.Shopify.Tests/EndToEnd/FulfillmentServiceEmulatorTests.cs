using Connectors.Shopify.Tests.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Fulfilment-service mode against the emulator: the channel alone, then the engine's order flow end to end.</summary>
public sealed class FulfillmentServiceEmulatorTests
{
    [Fact]
    public async Task Scenario_AgainstEmulator_RegistersTakesRequestsShipsAndAnswersCancellations()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => { o.FulfillmentServiceMode = true; o.FulfillmentServiceName = "Acme WMS"; });

        var r = await FulfillmentServiceScenario.RunAsync(emulator, services.Channel(), ct);

        Assert.Equal(emulator.GetFulfillmentServiceLocation("Acme WMS"), r.Service.LocationId);
        // only the four requested orders, each once, none cancelled yet
        Assert.Equal([r.Accepted, r.Refused, r.CancelAccepted, r.CancelRejected], r.Requested.Select(o => o.OrderId));
        Assert.DoesNotContain(r.Requested, o => o.OrderId == r.NotRequested);
        Assert.All(r.Requested, o => Assert.Equal(ChannelOrderStatus.Open, o.Status));
        Assert.Equal(["ACCEPTED"], emulator.GetFulfillmentOrderRequestStatuses(r.Accepted).Distinct());
        Assert.Equal(["REJECTED"], emulator.GetFulfillmentOrderRequestStatuses(r.Refused));
        // shipped from the service's fulfilment order
        Assert.Equal(1, emulator.GetFulfillmentCount(r.Accepted));
        Assert.Equal("FS-SHIP-1", r.Shipped.IdempotencyKey);
        // cancellation requests listed as cancellations, then answered as the WMS decided
        Assert.Equal([r.CancelAccepted, r.CancelRejected], r.AfterCancellation.Select(o => o.OrderId));
        Assert.All(r.AfterCancellation, o => Assert.Equal(ChannelOrderStatus.Cancelled, o.Status));
        Assert.Equal(["CANCELLATION_ACCEPTED"], emulator.GetFulfillmentOrderRequestStatuses(r.CancelAccepted));
        Assert.Equal(["CANCELLATION_REJECTED"], emulator.GetFulfillmentOrderRequestStatuses(r.CancelRejected));
    }

    [Fact]
    public async Task OrderFlow_ServiceMode_WmsDecisionsBecomeAcceptsRejectsAndCancellationAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        var warehouse = new ScriptedWarehouse();
        await using var services = ShopifyTestHost.Build(
            emulator.BaseAddress,
            configure: o => { o.FulfillmentServiceMode = true; o.FulfillmentServiceName = "Acme WMS"; },

            // Registered after AddShopify on purpose: the WMS's answers reach Shopify through the engine, whatever the order.
            after: s => s.AddSingleton<IWarehouseOrders>(warehouse));
        var channel = services.Channel();
        var sync = services.GetRequiredService<IOrderSync>();
        var merchant = emulator.AddLocation("Shop floor");
        emulator.AddVariant("SKU-1", 5, merchant);
        var service = await channel.EnsureFulfillmentServiceAsync(ct);
        var taken = await emulator.CreateOrderAsync([FulfillmentServiceScenario.Line("SKU-1", 1, 9m)], "EUR", ct);
        var refused = await emulator.CreateOrderAsync([FulfillmentServiceScenario.Line("SKU-1", 2, 9m)], "EUR", ct);
        var keptAfterAll = await emulator.CreateOrderAsync([FulfillmentServiceScenario.Line("SKU-1", 3, 9m)], "EUR", ct);
        foreach (var order in (string[])[taken, refused, keptAfterAll])
        {
            emulator.SubmitFulfillmentRequest(order, service.LocationId);
        }

        warehouse.RefuseSubmit(refused);

        await sync.PollAsync(ShopifyTestHost.ChannelName, ct);
        await sync.ProcessInboxAsync(ct);

        Assert.Equal(["ACCEPTED"], emulator.GetFulfillmentOrderRequestStatuses(taken));
        Assert.Equal(["REJECTED"], emulator.GetFulfillmentOrderRequestStatuses(refused));
        Assert.True(warehouse.Inner.Orders.ContainsKey((ShopifyTestHost.ChannelName, taken)));
        Assert.Single(await sync.ListExceptionsAsync(ShopifyTestHost.ChannelName, ct).ToListAsync(ct));

        // The merchant asks to cancel two accepted requests; the WMS cancels one and refuses the other.
        emulator.RequestFulfillmentCancellation(taken);
        emulator.RequestFulfillmentCancellation(keptAfterAll);
        warehouse.Inner.RefuseChangesTo(ShopifyTestHost.ChannelName, keptAfterAll, "already picked");
        await sync.PollAsync(ShopifyTestHost.ChannelName, ct);
        await sync.ProcessInboxAsync(ct);

        Assert.Equal(["CANCELLATION_ACCEPTED"], emulator.GetFulfillmentOrderRequestStatuses(taken));
        Assert.Contains((ShopifyTestHost.ChannelName, taken), warehouse.Inner.Cancelled);
        Assert.Equal(["CANCELLATION_REJECTED"], emulator.GetFulfillmentOrderRequestStatuses(keptAfterAll));
        Assert.DoesNotContain((ShopifyTestHost.ChannelName, keptAfterAll), warehouse.Inner.Cancelled);
    }
}

using System.Net;
using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Connectors.Shopify.Tests.Internal;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>The channel, built through <c>AddShopify</c>, against the Shopify emulator.</summary>
public sealed class ShopifyChannelEmulatorTests
{
    [Fact]
    public async Task Scenario_AgainstEmulator_PushesListsFulfilsOnceAndProcessesReturn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();

        var r = await ChannelScenario.RunAsync(emulator, channel, ct);

        // catalog: channel item id = InventoryItem GID, variant as parent
        Assert.Contains(r.Items, i => i.ChannelItemId == r.A.InventoryItemId && i.Sku == "SKU-A" && i.ParentId == r.A.VariantId);
        Assert.Contains(r.Locations, l => l.Id == r.Location);
        // inventory: absolute quantities applied
        Assert.All(r.Push, p => Assert.Equal(PushOutcome.Applied, p.Outcome));
        // 17 pushed, then the 2 returned units restocked at the order's location by returnProcess
        Assert.Equal(17 + 2, emulator.GetAvailable(r.A.InventoryItemId, r.Location));
        Assert.Contains(r.AllLevels, l => l.ChannelItemId == r.B.InventoryItemId && l.Available == 4);
        Assert.Equal(17, Assert.Single(r.SomeLevels).Available);
        // orders: ids above 2^53 kept exactly, lines carry the inventory item id, money as decimal
        var order = Assert.Single(r.Orders, o => o.OrderId == r.OrderId);
        Assert.True(long.Parse(order.OrderId.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture) > (1L << 53));
        var line = Assert.Single(order.Lines, l => l.Sku == "SKU-A");
        Assert.Equal(r.A.InventoryItemId, line.ChannelItemId);
        Assert.Equal(new Money(12.50m, "EUR"), line.UnitPrice);
        Assert.Equal(new Money(12.50m * 2 + 3.99m + 4.95m, "EUR"), order.Total);
        Assert.Equal(PaymentStatus.Paid, order.PaymentStatus);
        // acknowledgement: tag and metafield
        Assert.Contains("wms-received", emulator.GetOrderTags(r.OrderId));
        Assert.Equal("WMS-1001", emulator.GetOrderMetafield(r.OrderId, "connectors", "wms_reference"));
        // fulfilment: created once for the same shipment, tracking updated
        Assert.Equal(r.First.FulfillmentId, r.Again.FulfillmentId);
        Assert.Equal(1, emulator.GetFulfillmentCount(r.OrderId));
        var fulfilment = Assert.Single(r.Fulfillments);
        Assert.Equal("TRACK-2", Assert.Single(fulfilment.Tracking).Number);
        Assert.Equal(1, Assert.Single(fulfilment.Lines).Quantity);
        Assert.Equal("SHIP-1", fulfilment.IdempotencyKey);   // read back from the marker, so reconciliation matches it
        // returns: listed and processed
        var returned = r.Returns.Single(x => x.ReturnId == r.ReturnId);
        Assert.Equal(order.Lines.Select(l => l.LineId).Order(), returned.Lines.Select(l => l.LineId).Order());
        Assert.Equal("CLOSED", emulator.GetReturnStatus(r.ReturnId));
        Assert.Equal(["RESTOCKED:2", "RESTOCKED:1"], emulator.GetReturnDispositions(r.ReturnId));
        Assert.Equal(12.50m * 2 + 3.99m, emulator.GetRefundedAmount(r.OrderId));
        Assert.Equal(6, emulator.WebhookSubscriptions.Count);
    }

    [Fact]
    public async Task GetOrder_AfterPartialFulfilment_ShowsPartiallyFulfilledAndSecondShipmentCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 3,
            UnitPrice = 5m,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "S-1"), ct);
        Assert.Equal(FulfillmentStatus.PartiallyFulfilled, (await channel.GetOrderAsync(orderId, ct))!.FulfillmentStatus);
        var tooMany = await Assert.ThrowsAsync<ConnectorValidationException>(
            () => channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "S-2"), ct));
        Assert.Equal("Lines[0].Quantity", tooMany.FieldPath);
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "S-3"), ct);

        Assert.Equal(FulfillmentStatus.Fulfilled, (await channel.GetOrderAsync(orderId, ct))!.FulfillmentStatus);
        Assert.Equal(2, emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task ListOrders_CancelledOrder_MapsCancelledStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 1,
            UnitPrice = 5m,
        }], cancellationToken: ct);
        await emulator.CancelOrderAsync(orderId, ct);

        var order = Assert.Single(await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ToListAsync(ct));
        Assert.Equal(ChannelOrderStatus.Cancelled, order.Status);
        Assert.Empty(await services.Channel().ListOrdersAsync(DateTimeOffset.UtcNow.AddHours(1), ct).ToListAsync(ct));
    }

    [Fact]
    public async Task PushInventory_ManyBatchesOnSmallBucket_NoThrottleReachesTheCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { BucketSize = 40, RestoreRate = 200 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var location = emulator.AddLocation("Main");
        var items = Enumerable.Range(0, 20).Select(i => emulator.AddVariant("S" + i)).ToList();
        var channel = services.Channel();

        // 40 concurrent single-call pushes against a 40-point bucket (4 calls' worth).
        var pushes = Enumerable.Range(0, 40).Select(i => channel.PushInventoryAsync([new InventoryTarget(items[i % 20].InventoryItemId, location, i)], ct));
        var results = (await Task.WhenAll(pushes)).SelectMany(x => x).ToList();

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(40, emulator.Requests.Count(q => !q.Throttled));
    }

    [Fact]
    public async Task Send_EmulatorFaults_ServerErrorRetriedAndMalformedSurfacedAsTransient()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var channel = services.Channel();

        emulator.InjectFault(ShopifyEmulatorFault.ServerError);
        Assert.Single(await channel.ListItemsAsync(ct).ToListAsync(ct)); // the resilience pipeline retried the 503

        emulator.InjectFault(ShopifyEmulatorFault.MalformedJson);
        var ex = await Assert.ThrowsAsync<ConnectorRequestFailedException>(async () => await channel.ListItemsAsync(ct).ToListAsync(ct));
        Assert.True(ex.IsTransient);

        emulator.InjectFault(ShopifyEmulatorFault.TooManyRequests, 4);
        await Assert.ThrowsAsync<ShopifyLimitExceededException>(async () => await channel.ListItemsAsync(ct).ToListAsync(ct));
    }

    [Fact]
    public async Task ClientCredentials_NoAccessToken_ObtainsTokenFromGrant()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(cancellationToken: ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o =>
        {
            o.AccessToken = null;
            o.ClientId = "emulator-client";
            o.ClientSecret = "emulator-secret";
        });
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");

        Assert.Single(await services.Channel().ListItemsAsync(ct).ToListAsync(ct));
    }

    [Fact]
    public async Task Webhook_OrderCreatedOnEmulator_VerifiesAndParsesAtTheReceiver()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = WireMockShop.Start();
        receiver.Given(Request.Create().WithPath("/webhooks").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { WebhookUrl = new Uri(receiver.Address(), "webhooks") }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");

        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 1,
            UnitPrice = 5m,
        }], cancellationToken: ct);

        var entry = Assert.Single(receiver.LogEntries);
        var headers = entry.RequestMessage.Headers!.ToDictionary(h => h.Key, h => h.Value.First(), StringComparer.OrdinalIgnoreCase);
        var request = new WebhookRequest
        {
            Channel = ShopifyTestHost.ChannelName,
            Headers = headers,
            Body = entry.RequestMessage.BodyAsBytes!,
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        var handler = services.GetServices<IWebhookHandler>().Single(h => h.Channel == ShopifyTestHost.ChannelName);
        Assert.True(handler.Verify(request).IsValid);
        var e = Assert.IsType<OrderChannelEvent>(Assert.Single(handler.Parse(request)));
        Assert.Equal(orderId, e.OrderId);
        Assert.Equal(OrderEventKind.Created, e.Kind);
        var order = await services.Channel().GetOrderAsync(e.OrderId, ct);
        Assert.Equal("SKU-1", Assert.Single(order!.Lines).Sku);
    }

    [Fact]
    public async Task Webhook_ReceiverFailsFirst_EmulatorRedeliversWithSameWebhookId()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = WireMockShop.Start();
        receiver.Given(Request.Create().WithPath("/webhooks").UsingPost()).InScenario("w").WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(500));
        receiver.Given(Request.Create().WithPath("/webhooks").UsingPost()).InScenario("w").WhenStateIs("ok").RespondWith(Response.Create().WithStatusCode(200));
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { WebhookUrl = new Uri(receiver.Address(), "webhooks") }, ct);

        var status = await emulator.DeliverWebhookAsync("orders/updated", """{"admin_graphql_api_id":"gid://shopify/Order/1"}""", ct);

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = receiver.LogEntries.Select(e => e.RequestMessage.Headers!["X-Shopify-Webhook-Id"].Single()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(ids[0], ids[1]);
    }
}

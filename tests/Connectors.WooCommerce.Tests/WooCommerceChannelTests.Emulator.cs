using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>End to end through the DI front door against the <see cref="WooCommerceEmulator"/> (OAuth 1.0a over plain HTTP).</summary>
public sealed partial class WooCommerceChannelTests
{
    private static ServiceProvider Connect(WooCommerceEmulator shop, Action<WooCommerceOptions>? configure = null) =>
        TestHost.Build(o =>
        {
            o.BaseUrl = shop.BaseUrl;
            o.ConsumerKey = shop.ConsumerKey;
            o.ConsumerSecret = shop.ConsumerSecret;
            configure?.Invoke(o);
        });

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task PushInventoryAsync_SimpleAndVariations_UpdatesTheShop()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var tshirt = shop.AddSimpleProduct("TSHIRT-RED-M", 25);
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "HOODIE-S",
            Option = "S",
            Stock = 10,
        }, new()
        {
            Sku = "HOODIE-M",
            Option = "M",
            Stock = 15,
        }, new()
        {
            Sku = "HOODIE-L",
            Option = "L",
            Stock = 5,
        }]);
        var v = shop.GetVariationIds(hoodie);
        await using var sp = Connect(shop);

        var results = await sp.Channel_().PushInventoryAsync(
            [new($"{tshirt}", "default", 7), new($"{hoodie}/{v[0]}", "default", 1), new($"{hoodie}/{v[2]}", "default", 0), new("999999", "default", 3), new($"{tshirt}", "warehouse-2", 3), new("abc", "default", 1)],
            ct);

        Assert.Equal([PushOutcome.Applied, PushOutcome.Applied, PushOutcome.Applied, PushOutcome.Rejected, PushOutcome.Rejected, PushOutcome.Rejected], results.Select(r => r.Outcome));
        Assert.Equal(7, shop.GetStock(tshirt));
        Assert.Equal(1, shop.GetStock(hoodie, v[0]));
        Assert.Equal(15, shop.GetStock(hoodie, v[1]));
        Assert.Equal(0, shop.GetStock(hoodie, v[2]));
        Assert.Equal(2, shop.RequestCount); // one products/batch, one variations/batch
    }

    [Fact]
    public async Task PushInventoryAsync_ShopLimitBelowBatchSize_SplitsToTheLimitThe413Names()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        shop.BatchLimit = 30;
        var ids = Enumerable.Range(0, 100).Select(i => shop.AddSimpleProduct($"SKU-{i}", 0)).ToList();
        await using var sp = Connect(shop);

        var results = await sp.Channel_().PushInventoryAsync(ids.Select((id, i) => new InventoryTarget($"{id}", "default", i)).ToList(), ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(99, shop.GetStock(ids[99]));
        Assert.Equal(5, shop.RequestCount); // 100 (413: "more than 30 items") -> 30 + 30 + 30 + 10
    }

    [Fact]
    public async Task ListItemsAsync_Catalog_ListsSimplesAndVariationsWithParent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var tshirt = shop.AddSimpleProduct("TSHIRT-RED-M", 25);
        var hoodie = shop.AddVariableProduct("Hoodie", "Size", [new()
        {
            Sku = "HOODIE-S",
            Option = "S",
            Stock = 10,
        }, new()
        {
            Sku = "HOODIE-M",
            Option = "M",
            Stock = null,
        }]);
        var v = shop.GetVariationIds(hoodie);
        await using var sp = Connect(shop, o => o.PageSize = 1);

        var items = await ToListAsync(sp.Channel_().ListItemsAsync(ct));
        var levels = await ToListAsync(sp.Channel_().ReadInventoryAsync([$"{hoodie}/{v[0]}", $"{tshirt}"], ct));

        Assert.Equal([$"{tshirt}", $"{hoodie}/{v[0]}", $"{hoodie}/{v[1]}"], items.Select(i => i.ChannelItemId));
        Assert.Equal(["TSHIRT-RED-M", "HOODIE-S", "HOODIE-M"], items.Select(i => i.Sku));
        Assert.Equal($"{hoodie}", items[1].ParentId);
        Assert.Equal("S", items[1].Attributes!["Size"]);
        Assert.False(items[2].TracksInventory);
        Assert.Equal(new[] { ($"{hoodie}/{v[0]}", 10), ($"{tshirt}", 25) }.OrderBy(x => x.Item1), levels.Select(l => (l.ChannelItemId, l.Available)).OrderBy(x => x.Item1));
    }

    [Fact]
    public async Task ListOrdersAsync_ModifiedAfter_ReturnsOnlyNewerOrdersAcrossPages()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var shop = await WooCommerceEmulator.StartAsync(time, ct);
        var p = shop.AddSimpleProduct("A", 100);
        var old = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 9.99m }]);
        time.Advance(TimeSpan.FromMinutes(1));
        var since = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(1));
        var fresh = Enumerable.Range(0, 5).Select(_ => shop.AddOrder("processing", [new()
        {
            ProductId = p,
            Quantity = 2,
            Price = 9.99m,
        }])).ToList();
        shop.SetOrderStatus(fresh[0], "cancelled");
        await using var sp = Connect(shop, o => o.PageSize = 2);

        var orders = await ToListAsync(sp.Channel_().ListOrdersAsync(since, ct));

        Assert.Equal(fresh.Select(f => $"{f}"), orders.Select(o => o.OrderId));
        Assert.DoesNotContain($"{old}", orders.Select(o => o.OrderId));
        Assert.Equal(ChannelOrderStatus.Cancelled, orders[0].Status);
        Assert.Equal(19.98m, orders[1].Lines.Single().Total.Amount);
        Assert.Equal(3, shop.RequestCount);
    }

    [Fact]
    public async Task AcknowledgeOrderAsync_Twice_WritesMetaAndOneNote()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        await using var sp = Connect(shop);
        var ack = new OrderAcknowledgement($"{order}", ReleaseDecision.Release, "WMS-42");

        await sp.Channel_().AcknowledgeOrderAsync(ack, ct);
        await sp.Channel_().AcknowledgeOrderAsync(ack, ct);

        Assert.Equal("WMS-42", shop.GetOrderMeta(order, "_wms_reference"));
        Assert.Equal("release", shop.GetOrderMeta(order, "_wms_reference_decision"));
        Assert.Single(shop.GetOrderNotes(order), n => n.Contains("WMS-42", StringComparison.Ordinal));
        Assert.Equal("processing", shop.GetOrderStatus(order)); // status change is opt-in
    }

    [Fact]
    public async Task CreateFulfillmentAsync_PartialThenRest_NotesTrackingMetaAndCompletesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var a = shop.AddSimpleProduct("A", 5);
        var b = shop.AddSimpleProduct("B", 5);
        var order = shop.AddOrder("processing", [new() { ProductId = a, Quantity = 2, Price = 10m }, new()
        {
            ProductId = b,
            Quantity = 1,
            Price = 5m,
        }]);
        var lines = shop.GetLineItemIds(order);
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        var first = new FulfillmentRequest($"{order}", [new($"{lines[0]}", 1)], "SHIP-1", "DHL", [new TrackingInfo("JD0001", new Uri("https://track.example/JD0001"))]);

        var f1 = await channel.CreateFulfillmentAsync(first, ct);
        Assert.Equal("processing", shop.GetOrderStatus(order));
        var again = await channel.CreateFulfillmentAsync(first, ct);
        var over = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(new FulfillmentRequest($"{order}", [new($"{lines[0]}", 2)], "SHIP-X"), ct));
        await channel.CreateFulfillmentAsync(new FulfillmentRequest($"{order}", [new($"{lines[0]}", 1), new($"{lines[1]}", 1)], "SHIP-2", "UPS", [new TrackingInfo("1Z999")]), ct);

        Assert.Equal($"{order}/SHIP-1", f1.FulfillmentId);
        Assert.Equal(f1.FulfillmentId, again.FulfillmentId);
        Assert.Equal("Lines[0].Quantity", over.FieldPath);
        Assert.Equal("completed", shop.GetOrderStatus(order));
        var notes = shop.GetOrderNotes(order);
        Assert.Single(notes, n => n.Contains("[connectors:shipment:SHIP-1]", StringComparison.Ordinal) && n.Contains("DHL", StringComparison.Ordinal) && n.Contains("JD0001", StringComparison.Ordinal));
        Assert.Single(notes, n => n.Contains("[connectors:shipment:SHIP-2]", StringComparison.Ordinal));
        var tracking = shop.GetOrderMeta(order, "_wc_shipment_tracking_items")!;
        Assert.Contains("\"tracking_number\":\"JD0001\"", tracking, StringComparison.Ordinal);
        Assert.Contains("\"tracking_number\":\"1Z999\"", tracking, StringComparison.Ordinal);
        var listed = await channel.ListFulfillmentsAsync($"{order}", ct);
        Assert.Equal(["SHIP-1", "SHIP-2"], listed.Select(l => l.IdempotencyKey));
    }

    [Fact]
    public async Task UpdateTrackingAsync_NewNumber_ReplacesTrackingOfThatShipment()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 2,
            Price = 10m,
        }]);
        var line = shop.GetLineItemIds(order)[0];
        await using var sp = Connect(shop);
        var channel = sp.Channel_();
        var f = await channel.CreateFulfillmentAsync(new FulfillmentRequest($"{order}", [new($"{line}", 1)], "SHIP-1", "DHL", [new TrackingInfo("OLD1")]), ct);

        await channel.UpdateTrackingAsync(f.FulfillmentId, [new TrackingInfo("NEW1", carrier: "DHL")], ct);

        var listed = Assert.Single(await channel.ListFulfillmentsAsync($"{order}", ct));
        Assert.Equal("NEW1", Assert.Single(listed.Tracking).Number);
        var tracking = shop.GetOrderMeta(order, "_wc_shipment_tracking_items")!;
        Assert.DoesNotContain("OLD1", tracking, StringComparison.Ordinal);
        Assert.Contains("NEW1", tracking, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListReturnRequestsAsync_RefundWithLines_GivesReturnWithPositiveQuantities()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 5);
        var order = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 2, Price = 10m }]);
        var line = shop.GetLineItemIds(order)[0];
        var refund = shop.AddRefund(order, line, 1, "Damaged");
        await using var sp = Connect(shop);

        var returns = await ToListAsync(sp.Channel_().ListReturnRequestsAsync(DateTimeOffset.UtcNow.AddMinutes(-5), ct));
        await sp.Channel_().ConfirmReturnAsync(new ReturnConfirmation($"{order}/{refund}", [new ReturnLine($"{line}", 1)], restock: true, refund: false, "RCPT-1"), ct);
        await sp.Channel_().ConfirmReturnAsync(new ReturnConfirmation($"{order}/{refund}", [new ReturnLine($"{line}", 1)], restock: true, refund: false, "RCPT-1"), ct);

        var r = Assert.Single(returns);
        Assert.Equal($"{order}/{refund}", r.ReturnId);
        var returned = Assert.Single(r.Lines);
        Assert.Equal($"{line}", returned.LineId);
        Assert.Equal(1, returned.Quantity);
        Assert.Equal($"{p}", returned.ChannelItemId);
        Assert.Equal("Damaged", returned.Reason);
        Assert.Single(shop.GetOrderNotes(order), n => n.Contains("[connectors:return:RCPT-1]", StringComparison.Ordinal));
        Assert.Equal(1, shop.GetRefundCount(order));
    }

    [Fact]
    public async Task ConfirmReturnAsync_OrderLevelReturnWithRefund_CreatesOneRefundAndRestocks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var p = shop.AddSimpleProduct("A", 5);
        var order = shop.AddOrder("completed", [new() { ProductId = p, Quantity = 3, Price = 10m }]);
        var line = shop.GetLineItemIds(order)[0];
        await using var sp = Connect(shop);
        var confirmation = new ReturnConfirmation($"{order}", [new ReturnLine($"{line}", 2)], restock: true, refund: true, "RMA-9");

        await sp.Channel_().ConfirmReturnAsync(confirmation, ct);
        await sp.Channel_().ConfirmReturnAsync(confirmation, ct);

        Assert.Equal(1, shop.GetRefundCount(order));
        Assert.Equal(5 - 3 + 2, shop.GetStock(p)); // the completed order took 3 (the shop's own stock move), the restocking refund put 2 back
    }

    [Fact]
    public async Task Webhooks_EmulatorDelivery_VerifiesAndParsesThroughTheChannel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        using var receiver = StartWireMock();
        receiver.Given(WireMock.RequestBuilders.Request.Create().WithPath("/hook").UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200));
        shop.AddWebhook("order.created", new Uri(receiver.Url + "/hook"), "test-secret");
        var p = shop.AddSimpleProduct("A", 5);
        var o1 = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 1, Price = 10m }]);
        var o2 = shop.AddOrder("processing", [new() { ProductId = p, Quantity = 2, Price = 10m }]);
        await shop.FlushWebhooksAsync(ct);
        await using var sp = Connect(shop);
        IWebhookHandler handler = sp.Channel_();

        var requests = receiver.LogEntries.Select(e => new WebhookRequest
        {
            Channel = "shop-b",
            Headers = e.RequestMessage.Headers!.ToDictionary(h => h.Key, h => h.Value.ToString()!, StringComparer.OrdinalIgnoreCase),
            Body = e.RequestMessage.BodyAsBytes ?? [],
            ReceivedAt = DateTimeOffset.UtcNow,
            ContentType = e.RequestMessage.Headers!.TryGetValue("Content-Type", out var type) ? type.ToString() : null,
        }).ToList();

        Assert.Equal(3, requests.Count);
        var ping = Assert.Single(requests, r => r.GetHeader("X-WC-Webhook-Signature") is null);
        Assert.True(handler.Verify(ping).IsPing);
        var deliveries = requests.Where(r => r.GetHeader("X-WC-Webhook-Signature") is not null).ToList();
        Assert.All(deliveries, d => Assert.True(handler.Verify(d).IsValid));
        var events = deliveries.SelectMany(handler.Parse).Cast<OrderChannelEvent>().OrderBy(e => e.OrderId).ToList();
        Assert.Equal([$"{o1}", $"{o2}"], events.Select(e => e.OrderId));
        Assert.All(events, e => Assert.Equal(OrderEventKind.Created, e.Kind));
        Assert.Equal(2, events.Select(e => e.DeliveryId).Distinct().Count());
        var tampered = deliveries[0] with { Body = deliveries[1].Body };
        Assert.False(handler.Verify(tampered).IsValid);
    }

    [Fact]
    public async Task Webhooks_ReceiverFailsRepeatedly_EmulatorDisablesTheWebhook()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        using var receiver = StartWireMock();
        receiver.Given(WireMock.RequestBuilders.Request.Create().WithPath("/hook").UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(500));
        var hook = shop.AddWebhook("order.updated", new Uri(receiver.Url + "/hook"), "test-secret");
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        await shop.FlushWebhooksAsync(ct);
        for (var i = 0; i < 5; i++)
        {
            shop.SetOrderStatus(order, i % 2 == 0 ? "on-hold" : "processing");
            await shop.FlushWebhooksAsync(ct);
        }

        Assert.Equal("disabled", shop.GetWebhookStatus(hook));
        Assert.Equal(6, receiver.LogEntries.Count()); // ping + 5 deliveries, never retried
        shop.SetOrderStatus(order, "completed");
        await shop.FlushWebhooksAsync(ct);
        Assert.Equal(6, receiver.LogEntries.Count());
    }

    [Fact]
    public async Task GetOrderAsync_429WithRetryAfter_RetriesAfterTheWait()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        shop.InjectFault(WooCommerceEmulatorFault.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));
        await using var sp = Connect(shop, o => o.MaxRetries = 2);

        var result = await sp.Channel_().GetOrderAsync($"{order}", ct);

        Assert.NotNull(result);
        Assert.Equal(2, shop.RequestCount);
    }

    [Fact]
    public async Task GetOrderAsync_MaintenanceWithoutRetries_ThrowsRateLimitedWithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        shop.InjectFault(WooCommerceEmulatorFault.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(30));
        await using var sp = Connect(shop);

        var ex = await Assert.ThrowsAsync<ConnectorRateLimitedException>(() => sp.Channel_().GetOrderAsync($"{order}", ct));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Contains("Briefly unavailable", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WooCommerceEmulatorFault.HtmlErrorPage, "Sorry, you have been blocked")]
    [InlineData(WooCommerceEmulatorFault.MalformedJson, "invalid_json")]
    [InlineData(WooCommerceEmulatorFault.InternalServerError, "Fatal error")]
    public async Task ListOrdersAsync_BrokenAnswers_ThrowTypedErrors(WooCommerceEmulatorFault fault, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        shop.InjectFault(fault);
        await using var sp = Connect(shop);

        var ex = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => ToListAsync(sp.Channel_().ListOrdersAsync(DateTimeOffset.UnixEpoch, ct)));

        Assert.Contains(expected, ex.Message + ex.ErrorCode, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WooCommerceEmulatorFault.TypeDrift)]
    [InlineData(WooCommerceEmulatorFault.PhpNotice)]
    public async Task ListOrdersAsync_HarmlessDrift_IsTolerated(WooCommerceEmulatorFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 3,
            Price = 12.5m,
        }]);
        shop.InjectFault(fault);
        await using var sp = Connect(shop);

        var orders = await ToListAsync(sp.Channel_().ListOrdersAsync(DateTimeOffset.UnixEpoch, ct));

        var o = Assert.Single(orders);
        Assert.Equal($"{order}", o.OrderId);
        Assert.Equal(3, o.Lines.Single().Quantity);
        Assert.Equal(12.5m, o.Lines.Single().UnitPrice.Amount);
        Assert.Equal(42.5m, o.Total!.Value.Amount);
    }

    [Fact]
    public async Task GetOrderAsync_SecretRotated_FailsThenWorksWithoutRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        var secret = shop.ConsumerSecret;
        await using var sp = Connect(shop, o => o.ConsumerSecret = Volatile.Read(ref secret));
        Assert.NotNull(await sp.Channel_().GetOrderAsync($"{order}", ct));

        shop.ConsumerSecret = "cs_rotated";
        var ex = await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => sp.Channel_().GetOrderAsync($"{order}", ct));
        Volatile.Write(ref secret, "cs_rotated");
        sp.GetRequiredService<IOptionsMonitorCache<WooCommerceOptions>>().TryRemove(TestHost.Channel);

        Assert.NotNull(await sp.Channel_().GetOrderAsync($"{order}", ct));
        Assert.DoesNotContain("cs_rotated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrderAsync_ShopHomeUrlDiffers_SignsWithHomeUrl()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        shop.HomeUrl = new Uri("http://shop.example/");
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        await using var wrong = Connect(shop);
        await using var right = Connect(shop, o => o.HomeUrl = new Uri("http://shop.example/"));

        await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => wrong.Channel_().GetOrderAsync($"{order}", ct));
        Assert.NotNull(await right.Channel_().GetOrderAsync($"{order}", ct));
    }

    [Fact]
    public async Task GetOrderAsync_OAuthInHeaderWithSha1_IsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var order = shop.AddOrder("processing", [new()
        {
            ProductId = shop.AddSimpleProduct("A", 5),
            Quantity = 1,
            Price = 10m,
        }]);
        await using var sp = Connect(shop, o =>
        {
            o.OAuthInHeader = true;
            o.SignatureMethod = WooCommerceSignatureMethod.HmacSha1;
        });

        Assert.NotNull(await sp.Channel_().GetOrderAsync($"{order}", ct));
    }

    [Fact]
    public async Task PushInventoryAsync_HostThrottlesConcurrency_AdaptsAndLosesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var shop = await WooCommerceEmulator.StartAsync(cancellationToken: ct);
        var ids = Enumerable.Range(0, 1_000).Select(i => shop.AddSimpleProduct($"SKU-{i}", 0)).ToList();
        shop.Latency = TimeSpan.FromMilliseconds(20);
        shop.MaxConcurrentRequests = 2;
        shop.ThrottleRetryAfter = TimeSpan.FromMilliseconds(200);
        await using var sp = Connect(shop, o =>
        {
            o.MaxConcurrency = 8;
            o.BatchSize = 50;
            o.MaxRetries = 6;
        });

        var results = await sp.Channel_().PushInventoryAsync(ids.Select((id, i) => new InventoryTarget($"{id}", "default", i % 50)).ToList(), ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(999 % 50, shop.GetStock(ids[^1]));
        Assert.True(shop.ThrottledCount > 0, "the host never throttled, so the test proves nothing");
        var limit = sp.GetRequiredService<Connectors.WooCommerce.Internal.ThrottleRegistry>().Get(TestHost.Channel).CurrentLimit;
        Assert.True(limit < 8, $"the adaptive limit stayed at {limit}");
    }
}

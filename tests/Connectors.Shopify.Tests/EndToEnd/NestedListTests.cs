using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Nested lists longer than the first page, against an emulator that honours first/after on every nested connection.</summary>
public sealed class NestedListTests
{
    [Fact]
    public async Task CreateFulfillment_RetryOfThe13thShipment_FindsItByItsMarkerInsteadOfCreatingAgain()
    {
        // Order.fulfillments(first: 10) lists the first ten only; the 13th shipment's retry must still find its fulfilment.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 20,
            UnitPrice = 1m,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];
        ChannelFulfillment? thirteenth = null;
        for (var i = 1; i <= 13; i++)
        {
            thirteenth = await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-" + i), ct);
        }

        var retry = await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-13"), ct);
        var listed = await channel.ListFulfillmentsAsync(orderId, ct);

        Assert.Equal(thirteenth!.FulfillmentId, retry.FulfillmentId);
        Assert.Equal(13, emulator.GetFulfillmentCount(orderId));
        Assert.Equal(13, listed.Count);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => "SHIP-" + i).Order(), listed.Select(f => f.IdempotencyKey!).Order());
    }

    [Fact]
    public async Task ListFulfillments_FulfilmentOf30Lines_ListsEveryLine()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        var lines = Enumerable.Range(0, 30).Select(i => "SKU-" + i).ToArray();
        foreach (var sku in lines)
        {
            emulator.AddVariant(sku);
        }

        var orderId = await emulator.CreateOrderAsync([.. lines.Select(s => new ShopifyEmulatorLine
        {
            Sku = s,
            Quantity = 1,
            UnitPrice = 1m,
        })], cancellationToken: ct);
        var order = (await channel.GetOrderAsync(orderId, ct))!;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [.. order.Lines.Select(l => new FulfillmentLine(l.LineId, 1))], "SHIP-ALL"), ct);

        var listed = Assert.Single(await channel.ListFulfillmentsAsync(orderId, ct));

        Assert.Equal(30, listed.Lines.Count);
    }

    [Fact]
    public async Task CreateFulfillment_LineOnTheSeventhFulfilmentOrder_IsFoundBeyondTheFirstPageOfFulfilmentOrders()
    {
        // Order.fulfillmentOrders was read with first: 5 and no paging: the 6th and later were invisible to allocation.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var lines = new List<ShopifyEmulatorLine>();
        for (var i = 0; i < 7; i++)
        {
            var location = emulator.AddLocation("Store " + i);
            emulator.AddVariant("SKU-" + i);
            lines.Add(new ShopifyEmulatorLine
            {
                Sku = "SKU-" + i,
                Quantity = 1,
                UnitPrice = 1m,
                LocationId = location,
            });
        }

        var orderId = await emulator.CreateOrderAsync(lines, cancellationToken: ct);
        var last = (await channel.GetOrderAsync(orderId, ct))!.Lines.Single(l => l.Sku == "SKU-6");

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(last.LineId, 1)], "SHIP-7TH"), ct);

        Assert.Equal(1, emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task ReadInventory_ItemStockedAt25Locations_ReadsEveryLevel()
    {
        // inventoryLevels was read with first: 20 and never paged: the levels at locations 21 to 25 were missing.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var locations = Enumerable.Range(0, 25).Select(i => emulator.AddLocation("Store " + i)).ToArray();
        var item = emulator.AddVariant("SKU-1", 4, locations[^1]).InventoryItemId;

        var all = await channel.ReadInventoryAsync(null, ct).ToListAsync(ct);
        var one = await channel.ReadInventoryAsync([item], ct).ToListAsync(ct);

        Assert.Equal(25, all.Count);
        Assert.Equal(25, one.Count);
        Assert.Equal(4, one.Single(l => l.LocationId == locations[^1]).Available);
    }

    [Fact]
    public async Task ListReturnRequests_FourReturnsOfTwelveLines_ListsEveryReturnAndEveryLine()
    {
        // Order.returns was read with first: 3 and return lines with first: 10, neither paged.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        emulator.AddLocation("Main");
        var skus = Enumerable.Range(0, 12).Select(i => "SKU-" + i).ToArray();
        foreach (var sku in skus)
        {
            emulator.AddVariant(sku);
        }

        var orderId = await emulator.CreateOrderAsync([.. skus.Select(s => new ShopifyEmulatorLine
        {
            Sku = s,
            Quantity = 1,
            UnitPrice = 1m,
        })], cancellationToken: ct);
        var returnIds = Enumerable.Range(0, 4).Select(_ => emulator.RequestReturn(orderId)).ToArray();

        var listed = await services.Channel().ListReturnRequestsAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ToListAsync(ct);

        Assert.Equal(returnIds.Order(), listed.Select(r => r.ReturnId).Order());
        Assert.All(listed, r => Assert.Equal(12, r.Lines.Count));
    }

    [Fact]
    public async Task ConfirmReturn_ReturnOf60Lines_ProcessesEveryLine()
    {
        // The return was read with 50 return lines and 50 reverse fulfilment order lines: lines 51 to 60 were
        // "neither an order line nor a line of return".
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        var skus = Enumerable.Range(0, 60).Select(i => "SKU-" + i).ToArray();
        foreach (var sku in skus)
        {
            emulator.AddVariant(sku);
        }

        var orderId = await emulator.CreateOrderAsync([.. skus.Select(s => new ShopifyEmulatorLine
        {
            Sku = s,
            Quantity = 1,
            UnitPrice = 1m,
        })], cancellationToken: ct);
        var returnId = emulator.RequestReturn(orderId);
        var request = Assert.Single(await channel.ListReturnRequestsAsync(DateTimeOffset.UtcNow.AddHours(-1), ct).ToListAsync(ct));

        await channel.ConfirmReturnAsync(new ReturnConfirmation(returnId, [.. request.Lines.Select(l => new ReturnLine(l.LineId, l.Quantity))], restock: false, refund: false, "RCPT-60"), ct);

        Assert.Equal(60, request.Lines.Count);
        Assert.Equal("CLOSED", emulator.GetReturnStatus(returnId));
        Assert.Equal(60, emulator.GetReturnDispositions(returnId).Count(d => d == "NOT_RESTOCKED:1"));
    }

    [Fact]
    public async Task ListFulfillments_55ShipmentsOfOneOrder_ReadsBackEveryShipmentKey()
    {
        // The shipment markers were read with metafields(first: 50) and not paged: five shipments lost their keys, so
        // reconciliation would report them missing.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 55,
            UnitPrice = 1m,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];
        for (var i = 1; i <= 55; i++)
        {
            await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-" + i), ct);
        }

        var listed = await channel.ListFulfillmentsAsync(orderId, ct);

        Assert.Equal(55, listed.Count);
        Assert.Equal(Enumerable.Range(1, 55).Select(i => "SHIP-" + i).Order(), listed.Select(f => f.IdempotencyKey ?? "(none)").Order());
    }

    [Fact]
    public async Task ConfirmReturn_ReturnOverSevenReverseFulfilmentOrders_DisposesEveryLine()
    {
        // Return.reverseFulfillmentOrders was read with first: 5: the lines of the 6th and 7th got no disposition.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        emulator.AddLocation("Main");
        var skus = Enumerable.Range(0, 7).Select(i => "SKU-" + i).ToArray();
        foreach (var sku in skus)
        {
            emulator.AddVariant(sku);
        }

        var orderId = await emulator.CreateOrderAsync([.. skus.Select(s => new ShopifyEmulatorLine
        {
            Sku = s,
            Quantity = 1,
            UnitPrice = 1m,
        })], cancellationToken: ct);
        var returnId = emulator.RequestReturn(orderId, reverseFulfillmentOrders: 7);
        var order = (await channel.GetOrderAsync(orderId, ct))!;

        await channel.ConfirmReturnAsync(new ReturnConfirmation(returnId, [.. order.Lines.Select(l => new ReturnLine(l.LineId, 1))], restock: false, refund: false, "RCPT-7"), ct);

        Assert.Equal(7, emulator.GetReturnDispositions(returnId).Count(d => d == "NOT_RESTOCKED:1"));
    }
}

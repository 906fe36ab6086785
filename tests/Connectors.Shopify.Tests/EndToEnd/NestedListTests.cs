using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Nested lists longer than the first page, against an emulator that honours first/after on every nested connection.</summary>
public sealed class NestedListTests : IAsyncLifetime
{
    private ShopifyEmulator _emulator = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ShopifyChannel Channel => _services.Channel();

    public async ValueTask InitializeAsync()
    {
        _emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);
        _services = ShopifyTestHost.Build(_emulator.BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task CreateFulfillment_RetryOfThe13thShipment_FindsItByItsMarkerInsteadOfCreatingAgain()
    {
        // Order.fulfillments(first: 10) lists the first ten only; the 13th shipment's retry must still find its fulfilment.
        var orderId = await OrderAsync(20, "SKU-1");
        var line = (await Channel.GetOrderAsync(orderId, Ct))!.Lines[0];
        ChannelFulfillment? thirteenth = null;
        for (var i = 1; i <= 13; i++)
        {
            thirteenth = await Channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-" + i), Ct);
        }

        var retry = await Channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-13"), Ct);
        var listed = await Channel.ListFulfillmentsAsync(orderId, Ct);

        Assert.Equal(thirteenth!.FulfillmentId, retry.FulfillmentId);
        Assert.Equal(13, _emulator.GetFulfillmentCount(orderId));
        Assert.Equal(13, listed.Count);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => "SHIP-" + i).Order(), listed.Select(f => f.IdempotencyKey!).Order());
    }

    [Fact]
    public async Task ListFulfillments_FulfilmentOf30Lines_ListsEveryLine()
    {
        var orderId = await OrderAsync(1, Skus(30));
        var order = (await Channel.GetOrderAsync(orderId, Ct))!;
        await Channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [.. order.Lines.Select(l => new FulfillmentLine(l.LineId, 1))], "SHIP-ALL"), Ct);

        var listed = Assert.Single(await Channel.ListFulfillmentsAsync(orderId, Ct));

        Assert.Equal(30, listed.Lines.Count);
    }

    [Fact]
    public async Task CreateFulfillment_LineOnTheSeventhFulfilmentOrder_IsFoundBeyondTheFirstPageOfFulfilmentOrders()
    {
        // Order.fulfillmentOrders was read with first: 5 and no paging: the 6th and later were invisible to allocation.
        var lines = new List<ShopifyEmulatorLine>();
        for (var i = 0; i < 7; i++)
        {
            var location = _emulator.AddLocation("Store " + i);
            _emulator.AddVariant("SKU-" + i);
            lines.Add(new ShopifyEmulatorLine
            {
                Sku = "SKU-" + i,
                Quantity = 1,
                UnitPrice = 1m,
                LocationId = location,
            });
        }

        var orderId = await _emulator.CreateOrderAsync(lines, cancellationToken: Ct);
        var last = (await Channel.GetOrderAsync(orderId, Ct))!.Lines.Single(l => l.Sku == "SKU-6");

        await Channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(last.LineId, 1)], "SHIP-7TH"), Ct);

        Assert.Equal(1, _emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task ReadInventory_ItemStockedAt25Locations_ReadsEveryLevel()
    {
        // inventoryLevels was read with first: 20 and never paged: the levels at locations 21 to 25 were missing.
        var locations = Enumerable.Range(0, 25).Select(i => _emulator.AddLocation("Store " + i)).ToArray();
        var item = _emulator.AddVariant("SKU-1", 4, locations[^1]).InventoryItemId;

        var all = await Channel.ReadInventoryAsync(null, Ct).ToListAsync(Ct);
        var one = await Channel.ReadInventoryAsync([item], Ct).ToListAsync(Ct);

        Assert.Equal(25, all.Count);
        Assert.Equal(25, one.Count);
        Assert.Equal(4, one.Single(l => l.LocationId == locations[^1]).Available);
    }

    [Fact]
    public async Task ListReturnRequests_FourReturnsOfTwelveLines_ListsEveryReturnAndEveryLine()
    {
        // Order.returns was read with first: 3 and return lines with first: 10, neither paged.
        var orderId = await OrderAsync(1, Skus(12));
        var returnIds = Enumerable.Range(0, 4).Select(_ => _emulator.RequestReturn(orderId)).ToArray();

        var listed = await Channel.ListReturnRequestsAsync(DateTimeOffset.UtcNow.AddHours(-1), Ct).ToListAsync(Ct);

        Assert.Equal(returnIds.Order(), listed.Select(r => r.ReturnId).Order());
        Assert.All(listed, r => Assert.Equal(12, r.Lines.Count));
    }

    [Fact]
    public async Task ConfirmReturn_ReturnOf60Lines_ProcessesEveryLine()
    {
        // The return was read with 50 return lines and 50 reverse fulfilment order lines: lines 51 to 60 were
        // "neither an order line nor a line of return".
        var orderId = await OrderAsync(1, Skus(60));
        var returnId = _emulator.RequestReturn(orderId);
        var request = Assert.Single(await Channel.ListReturnRequestsAsync(DateTimeOffset.UtcNow.AddHours(-1), Ct).ToListAsync(Ct));

        await Channel.ConfirmReturnAsync(new ReturnConfirmation(returnId, [.. request.Lines.Select(l => new ReturnLine(l.LineId, l.Quantity))], restock: false, refund: false, "RCPT-60"), Ct);

        Assert.Equal(60, request.Lines.Count);
        Assert.Equal("CLOSED", _emulator.GetReturnStatus(returnId));
        Assert.Equal(60, _emulator.GetReturnDispositions(returnId).Count(d => d == "NOT_RESTOCKED:1"));
    }

    [Fact]
    public async Task ListFulfillments_55ShipmentsOfOneOrder_ReadsBackEveryShipmentKey()
    {
        // The shipment markers were read with metafields(first: 50) and not paged: five shipments lost their keys, so
        // reconciliation would report them missing.
        var orderId = await OrderAsync(55, "SKU-1");
        var line = (await Channel.GetOrderAsync(orderId, Ct))!.Lines[0];
        for (var i = 1; i <= 55; i++)
        {
            await Channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-" + i), Ct);
        }

        var listed = await Channel.ListFulfillmentsAsync(orderId, Ct);

        Assert.Equal(55, listed.Count);
        Assert.Equal(Enumerable.Range(1, 55).Select(i => "SHIP-" + i).Order(), listed.Select(f => f.IdempotencyKey ?? "(none)").Order());
    }

    [Fact]
    public async Task ConfirmReturn_ReturnOverSevenReverseFulfilmentOrders_DisposesEveryLine()
    {
        // Return.reverseFulfillmentOrders was read with first: 5: the lines of the 6th and 7th got no disposition.
        var orderId = await OrderAsync(1, Skus(7));
        var returnId = _emulator.RequestReturn(orderId, reverseFulfillmentOrders: 7);
        var order = (await Channel.GetOrderAsync(orderId, Ct))!;

        await Channel.ConfirmReturnAsync(new ReturnConfirmation(returnId, [.. order.Lines.Select(l => new ReturnLine(l.LineId, 1))], restock: false, refund: false, "RCPT-7"), Ct);

        Assert.Equal(7, _emulator.GetReturnDispositions(returnId).Count(d => d == "NOT_RESTOCKED:1"));
    }

    private static string[] Skus(int count) => [.. Enumerable.Range(0, count).Select(i => "SKU-" + i)];

    /// <summary>An order of <paramref name="quantity"/> units of each of <paramref name="skus"/>, all stocked at one location.</summary>
    private async Task<string> OrderAsync(int quantity, params string[] skus)
    {
        _emulator.AddLocation("Main");
        foreach (var sku in skus)
        {
            _emulator.AddVariant(sku);
        }

        return await _emulator.CreateOrderAsync([.. skus.Select(s => new ShopifyEmulatorLine
        {
            Sku = s,
            Quantity = quantity,
            UnitPrice = 1m,
        })], cancellationToken: Ct);
    }
}

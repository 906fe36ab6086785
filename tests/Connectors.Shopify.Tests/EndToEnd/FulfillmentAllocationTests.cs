using Connectors.Shopify.Internal;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Which fulfilment orders a shipment fulfils (issue 17, defect 1), against an emulator that keeps one fulfilment order
/// per location and refuses what Shopify refuses. Schema (fulfillmentCreate): "The fulfillment orders are associated
/// with the same order and are assigned to the same location"; FulfillmentOrderAction.CREATE_FULFILLMENT "Creates a
/// fulfillment for selected line items in the fulfillment order"; MARK_AS_OPEN "Marks the fulfillment order as open.
/// The corresponding mutation for this action is `fulfillmentOrderOpen`."
/// </summary>
public sealed class FulfillmentAllocationTests : IAsyncLifetime
{
    private ShopifyEmulator _emulator = null!;
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, Ct);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task CreateFulfillment_ShipmentFromTheSecondWarehouse_FulfilsTheFulfilmentOrderAtThatLocation()
    {
        // One order line of 3 units: 2 assigned to Berlin, 1 moved to Hamburg. Hamburg's warehouse ships its unit.
        var channel = Channel();
        var berlin = _emulator.AddLocation("Berlin");
        var hamburg = _emulator.AddLocation("Hamburg");
        var orderId = await OrderAsync(3, berlin);
        _emulator.MoveFulfillmentOrderLine(orderId, "SKU-1", 1, hamburg);
        var line = (await channel.GetOrderAsync(orderId, Ct))!.Lines[0];

        await channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, Ct);

        Assert.Equal([hamburg], _emulator.GetFulfillmentLocations(orderId));
    }

    [Fact]
    public async Task CreateFulfillment_ShipmentFromAWarehouseWithoutThoseLines_IsATypedErrorAndNothingIsSent()
    {
        var channel = Channel();
        var berlin = _emulator.AddLocation("Berlin");
        var hamburg = _emulator.AddLocation("Hamburg");
        var orderId = await OrderAsync(3, berlin);
        var line = (await channel.GetOrderAsync(orderId, Ct))!.Lines[0];

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, Ct));

        Assert.Contains(hamburg, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Requests, r => r.OperationName == "FulfillmentCreate");
        Assert.Equal(0, _emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task CreateFulfillment_LinesAtTwoLocationsWithoutAWarehouse_IsATypedErrorNamingBothInsteadOfAMixedCreate()
    {
        // Today's code sent one fulfillmentCreate mixing both locations' fulfilment orders, which Shopify refuses.
        var channel = Channel();
        var berlin = _emulator.AddLocation("Berlin");
        var hamburg = _emulator.AddLocation("Hamburg");
        var orderId = await OrderAsync(berlin, hamburg);
        var lines = (await channel.GetOrderAsync(orderId, Ct))!.Lines;

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [.. lines.Select(l => new FulfillmentLine(l.LineId, 1))], "SHIP-BOTH"), Ct));

        Assert.False(error.IsTransient);
        Assert.Contains(berlin, error.Message, StringComparison.Ordinal);
        Assert.Contains(hamburg, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Requests, r => r.OperationName == "FulfillmentCreate");
    }

    [Fact]
    public async Task CreateFulfillment_LinesOfOneLocationWithoutAWarehouse_FulfilsThatLocationOnly()
    {
        var channel = Channel();
        var berlin = _emulator.AddLocation("Berlin");
        var hamburg = _emulator.AddLocation("Hamburg");
        var orderId = await OrderAsync(berlin, hamburg);
        var second = (await channel.GetOrderAsync(orderId, Ct))!.Lines.Single(l => l.Sku == "SKU-2");

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(second.LineId, 1)], "SHIP-HH"), Ct);

        Assert.Equal([hamburg], _emulator.GetFulfillmentLocations(orderId));
    }

    [Fact]
    public async Task CreateFulfillment_ScheduledFulfilmentOrderShippedEarly_IsOpenedThenFulfilled()
    {
        // A SCHEDULED fulfilment order supports MARK_AS_OPEN only; the emulator refuses fulfillmentCreate on it.
        var channel = Channel();
        var berlin = _emulator.AddLocation("Berlin");
        var orderId = await OrderAsync(2, berlin);
        _emulator.SetFulfillmentOrderStatus(orderId, berlin, "SCHEDULED");
        var line = (await channel.GetOrderAsync(orderId, Ct))!.Lines[0];

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-EARLY"), Ct);

        Assert.Equal(1, _emulator.GetFulfillmentCount(orderId));
        Assert.Contains(_emulator.Requests, r => r.OperationName == "FulfillmentOrderOpen");
    }

    [Fact]
    public async Task CreateFulfillment_FulfilmentOrderOnHold_IsNotUsed()
    {
        var channel = Channel();
        var berlin = _emulator.AddLocation("Berlin");
        var orderId = await OrderAsync(2, berlin);
        _emulator.SetFulfillmentOrderStatus(orderId, berlin, "ON_HOLD");
        var line = (await channel.GetOrderAsync(orderId, Ct))!.Lines[0];

        await Assert.ThrowsAsync<ConnectorValidationException>(() =>
            channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-HELD"), Ct));

        Assert.DoesNotContain(_emulator.Requests, r => r.OperationName == "FulfillmentCreate");
    }

    [Fact]
    public async Task CreateFulfillment_ShippedFromAnotherLocationWithMovesAllowed_MovesTheWholeFulfilmentOrderThere()
    {
        // FulfillmentOrderMovePayload.movedFulfillmentOrder: "If the original fulfillment order doesn't have any line
        // items which are fully or partially fulfilled, the original fulfillment order will be moved to the new location."
        var channel = Channel(moveFulfillmentOrders: true);
        var berlin = _emulator.AddLocation("Berlin");
        var hamburg = _emulator.AddLocation("Hamburg");
        var orderId = await OrderAsync(2, berlin);
        var before = (await channel.GetOrderAsync(orderId, Ct))!;

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(before.Lines[0].LineId, 2)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, Ct);

        Assert.Equal([hamburg], _emulator.GetFulfillmentLocations(orderId));
        Assert.Equal(before.Attributes["shopify.fulfillmentOrderIds"], (await channel.GetOrderAsync(orderId, Ct))!.Attributes["shopify.fulfillmentOrderIds"]);
    }

    [Fact]
    public async Task CreateFulfillment_ShippedFromAnotherLocationButTheFulfilmentOrderCannotMove_IsATypedErrorAndNothingIsMoved()
    {
        // A SCHEDULED fulfilment order supports MARK_AS_OPEN only, not MOVE.
        var channel = Channel(moveFulfillmentOrders: true);
        var berlin = _emulator.AddLocation("Berlin");
        var hamburg = _emulator.AddLocation("Hamburg");
        var orderId = await OrderAsync(2, berlin);
        _emulator.SetFulfillmentOrderStatus(orderId, berlin, "SCHEDULED");
        var line = (await channel.GetOrderAsync(orderId, Ct))!.Lines[0];

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, Ct));

        Assert.Contains("MoveFulfillmentOrders", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.Requests, r => r.OperationName is "FulfillmentOrderMove" or "FulfillmentCreate");
    }

    /// <summary>The channel through the DI front door against the emulator, built once a test.</summary>
    private ShopifyChannel Channel(bool moveFulfillmentOrders = false)
    {
        _services ??= ShopifyTestHost.Build(_emulator.BaseAddress, configure: o => o.MoveFulfillmentOrders = moveFulfillmentOrders);
        return _services.Channel();
    }

    /// <summary>An order of <paramref name="quantity"/> units of SKU-1, assigned to <paramref name="location"/>.</summary>
    private Task<string> OrderAsync(int quantity, string location)
    {
        _emulator.AddVariant("SKU-1");
        return _emulator.CreateOrderAsync([new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = quantity, UnitPrice = 5m, LocationId = location }], cancellationToken: Ct);
    }

    /// <summary>An order of one unit of SKU-1 assigned to <paramref name="first"/> and one of SKU-2 assigned to <paramref name="second"/>.</summary>
    private Task<string> OrderAsync(string first, string second)
    {
        _emulator.AddVariant("SKU-1");
        _emulator.AddVariant("SKU-2");
        return _emulator.CreateOrderAsync(
            [
                new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 1, UnitPrice = 5m, LocationId = first },
                new ShopifyEmulatorLine { Sku = "SKU-2", Quantity = 1, UnitPrice = 5m, LocationId = second },
            ],
            cancellationToken: Ct);
    }
}

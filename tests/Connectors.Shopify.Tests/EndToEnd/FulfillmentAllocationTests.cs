using Connectors.Testing.Shopify;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// Which fulfilment orders a shipment fulfils (issue 17, defect 1), against an emulator that keeps one fulfilment order
/// per location and refuses what Shopify refuses. Schema (fulfillmentCreate): "The fulfillment orders are associated
/// with the same order and are assigned to the same location"; FulfillmentOrderAction.CREATE_FULFILLMENT "Creates a
/// fulfillment for selected line items in the fulfillment order"; MARK_AS_OPEN "Marks the fulfillment order as open.
/// The corresponding mutation for this action is `fulfillmentOrderOpen`."
/// </summary>
public sealed class FulfillmentAllocationTests
{
    [Fact]
    public async Task CreateFulfillment_ShipmentFromTheSecondWarehouse_FulfilsTheFulfilmentOrderAtThatLocation()
    {
        // One order line of 3 units: 2 assigned to Berlin, 1 moved to Hamburg. Hamburg's warehouse ships its unit.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 3,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        emulator.MoveFulfillmentOrderLine(orderId, "SKU-1", 1, hamburg);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        await channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, ct);

        Assert.Equal([hamburg], emulator.GetFulfillmentLocations(orderId));
    }

    [Fact]
    public async Task CreateFulfillment_ShipmentFromAWarehouseWithoutThoseLines_IsATypedErrorAndNothingIsSent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 3,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 1)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, ct));

        Assert.Contains(hamburg, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == "FulfillmentCreate");
        Assert.Equal(0, emulator.GetFulfillmentCount(orderId));
    }

    [Fact]
    public async Task CreateFulfillment_LinesAtTwoLocationsWithoutAWarehouse_IsATypedErrorNamingBothInsteadOfAMixedCreate()
    {
        // Today's code sent one fulfillmentCreate mixing both locations' fulfilment orders, which Shopify refuses.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        emulator.AddVariant("SKU-2");
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 1, UnitPrice = 5m, LocationId = berlin }, new ShopifyEmulatorLine
            {
                Sku = "SKU-2",
                Quantity = 1,
                UnitPrice = 5m,
                LocationId = hamburg,
            }],
            cancellationToken: ct);
        var lines = (await channel.GetOrderAsync(orderId, ct))!.Lines;

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [.. lines.Select(l => new FulfillmentLine(l.LineId, 1))], "SHIP-BOTH"), ct));

        Assert.False(error.IsTransient);
        Assert.Contains(berlin, error.Message, StringComparison.Ordinal);
        Assert.Contains(hamburg, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == "FulfillmentCreate");
    }

    [Fact]
    public async Task CreateFulfillment_LinesOfOneLocationWithoutAWarehouse_FulfilsThatLocationOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        emulator.AddVariant("SKU-2");
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 1, UnitPrice = 5m, LocationId = berlin }, new ShopifyEmulatorLine
            {
                Sku = "SKU-2",
                Quantity = 1,
                UnitPrice = 5m,
                LocationId = hamburg,
            }],
            cancellationToken: ct);
        var second = (await channel.GetOrderAsync(orderId, ct))!.Lines.Single(l => l.Sku == "SKU-2");

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(second.LineId, 1)], "SHIP-HH"), ct);

        Assert.Equal([hamburg], emulator.GetFulfillmentLocations(orderId));
    }

    [Fact]
    public async Task CreateFulfillment_ScheduledFulfilmentOrderShippedEarly_IsOpenedThenFulfilled()
    {
        // A SCHEDULED fulfilment order supports MARK_AS_OPEN only; the emulator refuses fulfillmentCreate on it.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        emulator.SetFulfillmentOrderStatus(orderId, berlin, "SCHEDULED");
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-EARLY"), ct);

        Assert.Equal(1, emulator.GetFulfillmentCount(orderId));
        Assert.Contains(emulator.Requests, r => r.OperationName == "FulfillmentOrderOpen");
    }

    [Fact]
    public async Task CreateFulfillment_FulfilmentOrderOnHold_IsNotUsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        emulator.SetFulfillmentOrderStatus(orderId, berlin, "ON_HOLD");
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        await Assert.ThrowsAsync<ConnectorValidationException>(() =>
            channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-HELD"), ct));

        Assert.DoesNotContain(emulator.Requests, r => r.OperationName == "FulfillmentCreate");
    }

    [Fact]
    public async Task CreateFulfillment_ShippedFromAnotherLocationWithMovesAllowed_MovesTheWholeFulfilmentOrderThere()
    {
        // FulfillmentOrderMovePayload.movedFulfillmentOrder: "If the original fulfillment order doesn't have any line
        // items which are fully or partially fulfilled, the original fulfillment order will be moved to the new location."
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => o.MoveFulfillmentOrders = true);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        var before = (await channel.GetOrderAsync(orderId, ct))!;

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(orderId, [new FulfillmentLine(before.Lines[0].LineId, 2)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, ct);

        Assert.Equal([hamburg], emulator.GetFulfillmentLocations(orderId));
        Assert.Equal(before.Attributes["shopify.fulfillmentOrderIds"], (await channel.GetOrderAsync(orderId, ct))!.Attributes["shopify.fulfillmentOrderIds"]);
    }

    [Fact]
    public async Task CreateFulfillment_ShippedFromAnotherLocationButTheFulfilmentOrderCannotMove_IsATypedErrorAndNothingIsMoved()
    {
        // A SCHEDULED fulfilment order supports MARK_AS_OPEN only, not MOVE.
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        await using var services = ShopifyTestHost.Build(emulator.BaseAddress, configure: o => o.MoveFulfillmentOrders = true);
        var channel = services.Channel();
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 2,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        emulator.SetFulfillmentOrderStatus(orderId, berlin, "SCHEDULED");
        var line = (await channel.GetOrderAsync(orderId, ct))!.Lines[0];

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(orderId, [new FulfillmentLine(line.LineId, 2)], "SHIP-HH") { ChannelLocationIds = [hamburg] }, ct));

        Assert.Contains("MoveFulfillmentOrders", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(emulator.Requests, r => r.OperationName is "FulfillmentOrderMove" or "FulfillmentCreate");
    }
}

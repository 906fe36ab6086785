using Connectors.Inventory;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>
/// A WMS shipping one order from two warehouses, through the engine's fulfilment flow, against an emulator that keeps
/// one fulfilment order per location and refuses a fulfilment mixing locations. The WMS locations map to Shopify
/// locations (WH1 -> Berlin, WH2 -> Hamburg), and each shipment names the warehouse it left from.
/// </summary>
public sealed class SplitShipmentTests
{
    [Fact]
    public async Task ProcessOutbox_TwoShipmentsFromTwoWarehouses_EachFulfilsTheFulfilmentOrderOfItsLocation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        emulator.AddVariant("SKU-2");
        var warehouse = new FakeWarehouse();
        await using var services = Host(emulator, warehouse, berlin, hamburg, move: false);
        var orderId = await emulator.CreateOrderAsync(
            [new ShopifyEmulatorLine { Sku = "SKU-1", Quantity = 2, UnitPrice = 5m, LocationId = berlin }, new ShopifyEmulatorLine
            {
                Sku = "SKU-2",
                Quantity = 1,
                UnitPrice = 5m,
                LocationId = hamburg,
            }],
            cancellationToken: ct);
        var lines = await ReleaseAsync(services, warehouse, orderId, ct);

        var outbox = await ShipAsync(services, orderId, [("S-HH", "WH2", lines[1], 1), ("S-B", "WH1", lines[0], 2)], ct);

        Assert.Equal(0, outbox.DeadLettered);
        Assert.Equal([hamburg, berlin], emulator.GetFulfillmentLocations(orderId));
    }

    [Fact]
    public async Task ProcessOutbox_PartShippedFromAWarehouseShopifyDidNotAssign_MovesThoseUnitsThereWhenAllowed()
    {
        // Shopify assigned all 3 units to Berlin; the WMS ships 1 from Hamburg and 2 from Berlin. Without the move the
        // Hamburg shipment is refused ("only 0 remain to fulfil ... at Hamburg") and dead-lettered.
        // Schema, fulfillmentOrderMove: "Changes the location which is assigned to fulfill a number of unfulfilled
        // fulfillment order line items."
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions { RestoreRate = 1000 }, ct);
        var berlin = emulator.AddLocation("Berlin");
        var hamburg = emulator.AddLocation("Hamburg");
        emulator.AddVariant("SKU-1");
        var warehouse = new FakeWarehouse();
        await using var services = Host(emulator, warehouse, berlin, hamburg, move: true);
        var orderId = await emulator.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SKU-1",
            Quantity = 3,
            UnitPrice = 5m,
            LocationId = berlin,
        }], cancellationToken: ct);
        var line = (await ReleaseAsync(services, warehouse, orderId, ct))[0];

        var outbox = await ShipAsync(services, orderId, [("S-HH", "WH2", line, 1), ("S-B", "WH1", line, 2)], ct);

        Assert.Equal(0, outbox.DeadLettered);
        Assert.Equal([hamburg, berlin], emulator.GetFulfillmentLocations(orderId));
        Assert.Single(emulator.Requests, r => r.OperationName == "FulfillmentOrderMove");
        Assert.Equal(FulfillmentStatus.Fulfilled, (await services.Channel().GetOrderAsync(orderId, ct))!.FulfillmentStatus);
    }

    private static ServiceProvider Host(ShopifyEmulator emulator, FakeWarehouse warehouse, string berlin, string hamburg, bool move) =>
         ShopifyTestHost.Build(
            emulator.BaseAddress,
            configure: o => o.MoveFulfillmentOrders = move,
            before: s => s.AddSingleton<IWarehouseOrders>(warehouse),
            after: s => s.Configure<ConnectorsOptions>(o =>
            {
                var channel = new ChannelInventoryOptions();
                channel.Locations.Add(new() { WarehouseLocation = "WH1", ChannelLocation = berlin });
                channel.Locations.Add(new() { WarehouseLocation = "WH2", ChannelLocation = hamburg });
                o.Inventory.Channels[ShopifyTestHost.ChannelName] = channel;
            }));

    /// <summary>The order through the engine's order flow into the WMS; its lines as the WMS got them.</summary>
    private static async Task<IReadOnlyList<WarehouseOrderLine>> ReleaseAsync(ServiceProvider services, FakeWarehouse warehouse, string orderId, CancellationToken ct)
    {
        var orders = services.GetRequiredService<IOrderSync>();
        await orders.PollAsync(ShopifyTestHost.ChannelName, ct);
        var inbox = await orders.ProcessInboxAsync(ct);
        Assert.Equal(0, inbox.DeadLettered);
        return warehouse.Orders[(ShopifyTestHost.ChannelName, orderId)].Lines;
    }

    private static async Task<WorkPassResult> ShipAsync(ServiceProvider services, string orderId, (string Id, string Warehouse, WarehouseOrderLine Line, int Quantity)[] shipments, CancellationToken ct)
    {
        var fulfillment = services.GetRequiredService<IFulfillmentSync>();
        foreach (var (id, warehouse, line, quantity) in shipments)
        {
            await fulfillment.PublishShipmentAsync(
                new WarehouseShipment(id, ShopifyTestHost.ChannelName, orderId, [new WarehouseShipmentLine(line.Sku, quantity, line.ChannelLineId)], DateTimeOffset.UtcNow) { WarehouseLocation = warehouse },
                ct);
        }

        var result = await fulfillment.ProcessOutboxAsync(ct);
        var reasons = await services.GetRequiredService<ISyncStateStore>().ListDeadLettersAsync(null, ct).Select(d => d.Reason).ToListAsync(ct);
        Assert.True(reasons.Count == 0, string.Join(" | ", reasons));
        return result;
    }
}

using Connectors.Samples.CustomConnector;
using Connectors.Samples.CustomConnector.Platform;
using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Samples.Tests;

/// <summary>
/// The example connector of docs/writing-a-connector.md under the real engine, composed through its front door
/// (<c>AddConnectors().AddMarketStall(...)</c>) with a fake WMS and the in-memory store: all three flows and a
/// reconciliation, plus the failure paths a connector must get right (transient, rejected, validation).
/// </summary>
[Collection(SharedMeterCollection.Name)]
public sealed class MarketStallChannelTests
{
    private const string Stall = "stall";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Compose(FakeWarehouse warehouse, Action<MarketStallOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IWarehouseInventory>(warehouse);
        services.AddSingleton<IWarehouseOrders>(warehouse);
        services.AddSingleton<IWarehouseReturns>(warehouse);
        services.AddConnectors(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(1))
            .AddMarketStall(Stall, configure ?? (o => o.StallName = "Demo stall"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Engine_AllThreeFlowsAndReconciliation_StallMatchesTheWms()
    {
        // The WMS holds what it publishes, and reserves an order's units when it accepts it.
        var warehouse = new FakeWarehouse { ReserveOnSubmit = true };
        warehouse.SetStock(new StockLevel("SKU-1", "WH1", 12m, 2m), new StockLevel("SKU-2", "WH1", 5m));
        await using var services = Compose(warehouse);
        var stall = services.GetRequiredKeyedService<MarketStall>(Stall);
        stall.List("SKU-1");
        stall.List("SKU-2");

        // Inventory: the WMS publishes stock; the engine pushes available-to-sell (on hand - reserved).
        await services.GetRequiredService<IConnectorEvents>().PublishStockLevelsAsync([new StockLevel("SKU-1", "WH1", 12m, 2m), new StockLevel("SKU-2", "WH1", 5m)], Ct);
        var pushed = await services.GetRequiredService<IInventorySync>().DispatchAsync(Stall, Ct);
        var shownBefore = (stall.GetStock("SKU-1"), stall.GetStock("SKU-2"));

        // Orders: a buyer orders; the poll brings it into the inbox, processing submits it to the WMS and tags it.
        var orderId = stall.PlaceOrder(("SKU-1", 3), ("SKU-2", 1));
        var orders = services.GetRequiredService<IOrderSync>();
        await orders.PollAsync(Stall, Ct);
        await orders.ProcessInboxAsync(Ct);
        await orders.PollAsync(Stall, Ct); // sees its own acknowledgement (a newer version): nothing to do
        await orders.ProcessInboxAsync(Ct);

        // Fulfilment: the WMS ships in two parcels; the second is published twice.
        var fulfillment = services.GetRequiredService<IFulfillmentSync>();
        var first = new WarehouseShipment("SHP-1", Stall, orderId, [new WarehouseShipmentLine("SKU-1", 3m)], DateTimeOffset.UtcNow, "DHL", null, [new TrackingInfo("TRK-1")]);
        var second = new WarehouseShipment("SHP-2", Stall, orderId, [new WarehouseShipmentLine("SKU-2", 1m)], DateTimeOffset.UtcNow, "DHL", null, [new TrackingInfo("TRK-2")]);
        await fulfillment.PublishShipmentAsync(first, Ct);
        await fulfillment.PublishShipmentAsync(second, Ct);
        await fulfillment.PublishShipmentAsync(second, Ct);
        await fulfillment.ProcessOutboxAsync(Ct);

        // The stall is pushed what is left once the WMS has the order: 12 - 2 - 3 and 5 - 1.
        var afterOrder = await services.GetRequiredService<IInventorySync>().DispatchAsync(Stall, Ct);
        var report = await services.GetRequiredService<IReconciler>().ReconcileAsync(new ReconciliationRequest(Stall) { Shipments = [first, second] }, Ct);

        Assert.Equal(2, pushed.Applied);
        Assert.Equal((10, 5), shownBefore);
        Assert.Equal(2, afterOrder.Applied);
        Assert.Equal((7, 4), (stall.GetStock("SKU-1"), stall.GetStock("SKU-2")));
        var inWms = warehouse.Orders[(Stall, orderId)];
        Assert.Equal([("SKU-1", 3m), ("SKU-2", 1m)], inWms.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(1, warehouse.SubmitCalls);
        Assert.Contains("wms:WMS-" + Stall + "-" + orderId, stall.GetOrder(orderId)!.Tags);
        Assert.Equal(["SHP-1", "SHP-2"], stall.GetShipments(orderId).Select(s => s.Reference));
        Assert.Equal(["TRK-1", "TRK-2"], stall.GetShipments(orderId).SelectMany(s => s.TrackingNumbers));
        Assert.True(report.IsClean, report.ToText());
        Assert.Equal((2, 1, 2), (report.InventoryChecked, report.OrdersChecked, report.ShipmentsChecked));
        Assert.Empty(await services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Dispatch_StallClosedThenOpen_RetriedNotDeadLettered()
    {
        var warehouse = new FakeWarehouse();
        await using var services = Compose(warehouse);
        var stall = services.GetRequiredKeyedService<MarketStall>(Stall);
        stall.List("SKU-1");
        var inventory = services.GetRequiredService<IInventorySync>();
        await services.GetRequiredService<IConnectorEvents>().PublishStockLevelsAsync([new StockLevel("SKU-1", "WH1", 7m)], Ct);

        stall.Closed = true;
        var failed = await inventory.DispatchAsync(Stall, Ct);
        stall.Closed = false;
        await Task.Delay(50, Ct); // past the 1 ms retry delay
        var retried = await inventory.DispatchAsync(Stall, Ct);

        Assert.Equal((0, 0), (failed.Applied, failed.DeadLettered));
        Assert.True(failed.Rescheduled > 0, failed.ToString());
        Assert.Equal(1, retried.Applied);
        Assert.Equal(7, stall.GetStock("SKU-1"));
    }

    [Fact]
    public async Task Dispatch_ItemNotListed_DeadLetteredWithTheStallsReason()
    {
        var warehouse = new FakeWarehouse();
        await using var services = Compose(warehouse);
        await services.GetRequiredService<IConnectorEvents>().PublishStockLevelsAsync([new StockLevel("SKU-9", "WH1", 4m)], Ct);

        var result = await services.GetRequiredService<IInventorySync>().DispatchAsync(Stall, Ct);
        var letters = await services.GetRequiredService<IDeadLetters>().ListAsync(Stall, cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal((0, 1), (result.Applied, result.Rejected));
        Assert.Contains("not listed", Assert.Single(letters).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_StallNameMissing_FailsNamingTheSetting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().AddMarketStall(Stall, o => o.MaxBatchSize = 1000);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(error.Failures, f => f.Contains(nameof(MarketStallOptions.StallName), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(MarketStallOptions.MaxBatchSize), StringComparison.Ordinal));
    }

    [Fact]
    public void AddMarketStall_CalledTwiceWithOneName_OneChannel()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddMarketStall(Stall, o => o.StallName = "a").AddMarketStall(Stall, o => o.MaxBatchSize = 10);

        Assert.Single(services, d => d.ServiceType == typeof(ChannelRegistration));
    }
}

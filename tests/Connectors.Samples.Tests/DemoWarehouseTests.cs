using Connectors.Samples.ConsoleHost;

namespace Connectors.Samples.Tests;

public sealed class DemoWarehouseTests
{
    [Fact]
    public async Task SubmitOrderAsync_ThenShip_ReservesThenTakesStockOutAndReportsTheChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var wms = new DemoWarehouse([new StockLevel("A", DemoCatalog.MainLocation, 3), new StockLevel("A", DemoCatalog.OverflowLocation, 5)]);
        var order = new WarehouseOrder("shop", "1", [new WarehouseOrderLine("L1", "A", 4, "L1")]);

        await wms.SubmitOrderAsync(order, "k1", ct);
        await wms.SubmitOrderAsync(order, "k1", ct); // a retry of the same submission reserves nothing more

        Assert.Equal(0, wms.Free("A", DemoCatalog.MainLocation));
        Assert.Equal(4, wms.Free("A", DemoCatalog.OverflowLocation));
        Assert.Equal(1, wms.Acceptances[("shop", "1")]);
        Assert.Equal(2, wms.TakeChanges().Count);

        wms.Ship(new WarehouseShipment("S1", "shop", "1", [new WarehouseShipmentLine("A", 4, "L1")], DateTimeOffset.UtcNow));

        var levels = wms.TakeChanges().ToDictionary(l => l.LocationId);
        Assert.Equal((0m, 0m), (levels[DemoCatalog.MainLocation].OnHand, levels[DemoCatalog.MainLocation].Reserved));
        Assert.Equal((4m, 0m), (levels[DemoCatalog.OverflowLocation].OnHand, levels[DemoCatalog.OverflowLocation].Reserved));
        Assert.Empty(wms.TakeChanges());
    }
}

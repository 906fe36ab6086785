namespace Connectors.Warehouse.SapEwm.Tests;

public sealed partial class SapEwmWarehouseTests
{
    [Fact]
    public async Task GetStockLevelsAsync_OpenPickingTasks_ReservedIsWhatTheyHoldAndOnHandIncludesIt()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { e.AddStock("1710", "TG11", 10); e.AddStock("1710", "TG12", 1); });
        var order = await host.Warehouse_.SubmitOrderAsync(Order("1001", null, ("TG11", 3m), ("TG12", 1m)), "shop-a:1001", Ct);
        host.Emulator.CreateWarehouseTasks(Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)));

        var levels = (await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct)).ToDictionary(l => l.Sku, StringComparer.Ordinal);

        Assert.Equal((10m, 3m, 7m), (levels["TG11"].OnHand, levels["TG11"].Reserved, levels["TG11"].Free));
        Assert.Equal((1m, 1m, 0m), (levels["TG12"].OnHand, levels["TG12"].Reserved, levels["TG12"].Free)); // no available row left: reported from its task
    }

    [Fact]
    public async Task GetStockLevelsAsync_GivenSkusWithOpenTasks_ReservedForThoseOnly()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { e.AddStock("1710", "TG11", 10); e.AddStock("1710", "TG12", 4); });
        var order = await host.Warehouse_.SubmitOrderAsync(Order("1001", null, ("TG11", 3m), ("TG12", 4m)), "shop-a:1001", Ct);
        host.Emulator.CreateWarehouseTasks(Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)));

        var levels = await host.Warehouse_.GetStockLevelsAsync(["TG12"], Ct).ToListAsync(Ct);

        Assert.Equal([("TG12", 4m, 4m)], levels.Select(l => (l.Sku, l.OnHand, l.Reserved)));
    }

    [Fact]
    public async Task GetStockLevelsAsync_ReservedFromTasksTurnedOff_ReadsNoTasks()
    {
        await using var host = await SapTestHost.StartAsync(o => o.ReservedFromWarehouseTasks = false, e => e.AddStock("1710", "TG11", 10));
        var order = await host.Warehouse_.SubmitOrderAsync(Order("1001", null, ("TG11", 3m)), "shop-a:1001", Ct);
        host.Emulator.CreateWarehouseTasks(Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)));

        var level = Assert.Single(await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal((7m, 0m), (level.OnHand, level.Reserved));
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Path.Contains("api_warehouse_order_task_2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetStockLevelsAsync_TasksConfirmedByGoodsIssue_NoLongerReserved()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddStock("1710", "TG11", 10));
        var order = await host.Warehouse_.SubmitOrderAsync(Order("1001", null, ("TG11", 3m)), "shop-a:1001", Ct);
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!));
        host.Emulator.CreateWarehouseTasks(delivery);
        host.Emulator.PostGoodsIssue(delivery);

        var level = Assert.Single(await host.Warehouse_.GetStockLevelsAsync(cancellationToken: Ct).ToListAsync(Ct));

        Assert.Equal((7m, 0m), (level.OnHand, level.Reserved));
    }
}

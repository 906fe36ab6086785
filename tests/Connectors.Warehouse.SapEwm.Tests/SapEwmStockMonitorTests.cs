using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class SapEwmStockMonitorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SapEwmStockMonitor Monitor(SapTestHost host) => host.Services.GetRequiredService<SapEwmStockMonitor>();

    [Fact]
    public async Task PollWarehouseAsync_FirstPollAllLevelsThenOnlyChangesAndVanishedAsZero()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { e.AddStock("1710", "TG11", 5); e.AddStock("1710", "TG12", 3); e.AddStock("1710", "TG13", 1); });
        var monitor = Monitor(host);

        Assert.Equal(3, await monitor.PollWarehouseAsync("1710", Ct));
        Assert.Equal(0, await monitor.PollWarehouseAsync("1710", Ct)); // nothing changed: nothing published

        host.Emulator.AddStock("1710", "TG11", 2, storageBin: "0020-01-01");
        host.Emulator.RemoveStock("1710", "TG13");
        Assert.Equal(2, await monitor.PollWarehouseAsync("1710", Ct));

        var last = host.Events.StockBatches[^1];
        Assert.Equal([("TG11", 7m), ("TG13", 0m)], last.Select(l => (l.Sku, l.OnHand)).OrderBy(l => l.Sku, StringComparer.Ordinal));
    }

    [Fact]
    public async Task PollWarehouseAsync_TasksReserveStock_PublishesTheReservedChange()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddStock("1710", "TG11", 10));
        var monitor = Monitor(host);
        await monitor.PollWarehouseAsync("1710", Ct);
        var order = await host.Services.GetRequiredService<SapEwmWarehouse>().SubmitOrderAsync(
            new WarehouseOrder("shop-a", "1001", [new WarehouseOrderLine("L1", "TG11", 4, "C1")], shipTo: new Address
            {
                Name = "Ada",
                CountryCode = "DE",
            }), "shop-a:1001", Ct);
        host.Emulator.CreateWarehouseTasks(Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)));

        Assert.Equal(1, await monitor.PollWarehouseAsync("1710", Ct));

        var level = Assert.Single(host.Events.StockBatches[^1]);
        Assert.Equal((10m, 4m, 6m), (level.OnHand, level.Reserved, level.Free));
    }

    [Fact]
    public async Task PollWarehouseAsync_ManyChanges_PublishedInBoundedBatches()
    {
        const int products = (SapEwmStockMonitor.BatchSize * 2) + 7;
        await using var host = await SapTestHost.StartAsync(o => o.PageSize = 300, e =>
        {
            for (var p = 0; p < products; p++)
            {
                e.AddStock("1710", $"P{p:D5}", 1);
            }
        });

        Assert.Equal(products, await Monitor(host).PollWarehouseAsync("1710", Ct));

        Assert.Equal([SapEwmStockMonitor.BatchSize, SapEwmStockMonitor.BatchSize, 7], host.Events.StockBatches.Select(b => b.Count));
    }

    [Fact]
    public async Task PollWarehouseAsync_ReadFails_NextPollPublishesTheChange()
    {
        await using var host = await SapTestHost.StartAsync(o => o.ReservedFromWarehouseTasks = false, e => { e.AddStock("1710", "TG11", 5); e.AddStock("1710", "TG12", 3); });
        var monitor = Monitor(host);
        await monitor.PollWarehouseAsync("1710", Ct);
        host.Emulator.AddStock("1710", "TG11", 1, storageBin: "0020-01-01");
        host.Emulator.AddStock("1710", "TG12", 1, storageBin: "0020-01-01");
        host.Emulator.InjectFault(Testing.SapEwm.SapEwmEmulatorFault.InternalServerError, count: 1, method: "GET");

        await Assert.ThrowsAnyAsync<ConnectorException>(() => monitor.PollWarehouseAsync("1710", Ct));
        Assert.Equal(2, await monitor.PollWarehouseAsync("1710", Ct));
        Assert.Equal([("TG11", 6m), ("TG12", 4m)], host.Events.StockBatches[^1].Select(l => (l.Sku, l.OnHand)));
    }
}

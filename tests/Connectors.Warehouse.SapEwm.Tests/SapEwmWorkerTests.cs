using Connectors.Testing.SapEwm;
using Connectors.Warehouse.SapEwm.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class SapEwmWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WarehouseOrder Order(string id) =>
        new("shop-a", id, [new WarehouseOrderLine("L1", "TG11", 2, "C1")], shipTo: new Address
        {
            Name = "Ada",
            CountryCode = "DE",
        });

    /// <summary>Waits for the worker's next completed pass (no real-clock wait: the fake clock moves it on).</summary>
    private static async Task<int> NextPassAsync(SapEwmWorker worker, Action advance)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnPass(int pass) => done.TrySetResult(pass);
        worker.PassCompleted += OnPass;
        try
        {
            advance();
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("the SAP EWM worker completed no pass within 30 s after the fake clock was advanced");
        }
        finally
        {
            worker.PassCompleted -= OnPass;
        }
    }

    [Fact]
    public async Task AddSapEwm_RegistersTheWorkerAsHostedService()
    {
        await using var host = await SapTestHost.StartAsync();

        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is SapEwmWorker);
    }

    [Fact]
    public async Task Worker_GoodsIssuePosted_ShipmentPublishedWithoutHostCode()
    {
        await using var host = await SapTestHost.StartAsync(o => o.PollInterval = TimeSpan.FromSeconds(30), e => e.AddStock("1710", "TG11", 10));
        var worker = host.Services.GetRequiredService<SapEwmWorker>();
        var order = await host.Warehouse_.SubmitOrderAsync(Order("1001"), "shop-a:1001", Ct);
        host.Emulator.PostGoodsIssue(Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)), transportPartnerReference: "TRK-1");

        await NextPassAsync(worker, () => worker.StartAsync(Ct).GetAwaiter().GetResult());
        await worker.StopAsync(Ct);

        var shipment = Assert.Single(host.Events.Shipments);
        Assert.Equal(("shop-a", "1001", "TRK-1"), (shipment.Channel, shipment.ChannelOrderId, Assert.Single(shipment.Tracking).Number));
        Assert.NotEmpty(host.Events.StockBatches); // the first pass publishes every level once
    }

    [Fact]
    public async Task Worker_OnePollFails_TheOthersRunAndTheNextPassRetriesIt()
    {
        await using var host = await SapTestHost.StartAsync(
            o => { o.PollInterval = TimeSpan.FromSeconds(30); o.StockDeltaInterval = null; },
            e => e.AddProducts("TG11"));
        var worker = host.Services.GetRequiredService<SapEwmWorker>();
        var order = await host.Warehouse_.SubmitOrderAsync(Order("1001"), "shop-a:1001", Ct);
        host.Emulator.PostGoodsIssue(Assert.Single(host.Emulator.DeliveriesOf(order.WarehouseReference!)));
        var customerReturn = await host.Warehouse_.ExpectReturnAsync(new ExpectedReturn
        {
            Channel = "shop-a",
            ReturnId = "R1",
            ChannelOrderId = "1001",
            Lines = [new WarehouseShipmentLine("TG11", 1, "L1")],
        }, Ct);
        host.Emulator.InspectReturn(customerReturn.WarehouseReference!, [("TG11", 1m, "0001")]);
        host.Emulator.InjectFault(SapEwmEmulatorFault.InternalServerError, count: 1, method: "GET"); // the shipment poll's first read

        await NextPassAsync(worker, () => worker.StartAsync(Ct).GetAwaiter().GetResult());

        Assert.Empty(host.Events.Shipments);
        Assert.Single(host.Events.Receipts); // the returns poll ran although the shipment poll failed

        await NextPassAsync(worker, () => host.Time.Advance(TimeSpan.FromSeconds(30)));
        await worker.StopAsync(Ct);

        Assert.Single(host.Events.Shipments);
        Assert.Single(host.Events.Receipts.Select(r => r.ReceiptId).Distinct()); // a repeat of the cursor's second keeps its id
    }

    [Fact]
    public async Task Worker_HostStops_StopsBetweenPasses()
    {
        await using var host = await SapTestHost.StartAsync(o => o.PollInterval = TimeSpan.FromMinutes(10));
        var worker = host.Services.GetRequiredService<SapEwmWorker>();
        await NextPassAsync(worker, () => worker.StartAsync(Ct).GetAwaiter().GetResult());

        await worker.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully, "the worker's loop ended when the host stopped, without a fault");
    }
}

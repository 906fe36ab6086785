using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task PushInventory_OpenOrdersNotShipped_SalableQuantityEqualsTheWmsAvailableToSell()
    {
        // The WMS holds 10 of SKU-A. Two Magento orders (2 and 1) are placed and not shipped: the WMS has them (reserved),
        // so its available-to-sell for the channel is 10 - 3 = 7. Magento holds reservations of -3 for them.
        _emulator.AddProduct("SKU-A");
        _emulator.AddConfigurableProduct("TEE", ["TEE-M"]);
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 1), MagentoEmulatorLine.Configurable("TEE", "TEE-M", 4)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var results = await services.Magento().PushInventoryAsync(
            [new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 7), new InventoryTarget("TEE-M", InventoryTarget.DefaultLocation, 6)], Ct);

        Assert.All(results, r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(-3m, _emulator.GetReservationTotal("SKU-A"));
        Assert.Equal(7m, _emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(10m, _emulator.GetSourceQuantity("SKU-A", "default"));
        Assert.Equal(6m, _emulator.GetSalableQuantity("TEE-M")); // the configurable's parent and child items reserve once
    }

    [Fact]
    public async Task PushInventory_CompensationOff_CountsOpenOrdersTwice()
    {
        // The formula's reason: without it the same push leaves Magento selling 4, not 7.
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, o => o.CompensateReservations = false, _time);

        await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 7)], Ct);

        Assert.Equal(4m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task PushInventory_AfterShipmentAndCancellation_SalableStillEqualsAvailableToSell()
    {
        // WMS: on hand 10, orders of 2 and 3 reserved -> ATS 5. Push. Then the first order ships through the connector
        // (WMS on hand 8, reserved 3, ATS 5: no push), the second is cancelled in Magento (WMS releases it: ATS 8, pushed).
        _emulator.AddProduct("SKU-A");
        var first = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        var second = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 5)], Ct);
        Assert.Equal(5m, _emulator.GetSalableQuantity("SKU-A"));

        var order = (await channel.GetOrderAsync(Id(first), Ct))!;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 2)], "ship-1"), Ct);
        Assert.Equal(5m, _emulator.GetSalableQuantity("SKU-A"));
        Assert.Equal(8m, _emulator.GetSourceQuantity("SKU-A", "default"));

        _emulator.CancelOrder(second);
        await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 8)], Ct);
        Assert.Equal(8m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task ReadInventory_AfterCompensatedPush_ReportsWhatWasPushed()
    {
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        await channel.PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 7)], Ct);

        var levels = await channel.ReadInventoryAsync(["SKU-A"], Ct).ToListAsync(Ct);

        Assert.Equal(new ChannelInventoryLevel
        {
            ChannelItemId = "SKU-A",
            LocationId = InventoryTarget.DefaultLocation,
            Available = 7,
        }, Assert.Single(levels));
    }

    [Fact]
    public async Task PushInventory_SeveralLocations_GoToTheirSourcesAndReservationsToOne()
    {
        _emulator.AddSource("eu-west");
        _emulator.AddProduct("SKU-A");
        _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, o => { o.SourceCodes["WH1"] = "default"; o.SourceCodes["WH2"] = "eu-west"; }, _time);

        var results = await services.Magento().PushInventoryAsync(
            [new InventoryTarget("SKU-A", "WH1", 4), new InventoryTarget("SKU-A", "WH2", 3), new InventoryTarget("SKU-A", "WH9", 1)], Ct);

        Assert.Equal([PushOutcome.Applied, PushOutcome.Applied, PushOutcome.Rejected], results.Select(r => r.Outcome));
        Assert.Equal("unknown_location", results[2].ErrorCode);
        Assert.Equal(6m, _emulator.GetSourceQuantity("SKU-A", "default"));
        Assert.Equal(3m, _emulator.GetSourceQuantity("SKU-A", "eu-west"));
        Assert.Equal(7m, _emulator.GetSalableQuantity("SKU-A"));
    }

    [Fact]
    public async Task PushInventory_OneBadItemInABatch_OthersAppliedAndTheBadOneRejectedWithMagentosMessage()
    {
        for (var i = 0; i < 5; i++)
        {
            _emulator.AddProduct($"SKU-{i}");
        }

        await using var services = TestHost.ForEmulator(_emulator, o => { o.BatchSize = 3; o.CompensateReservations = false; }, _time);
        var targets = Enumerable.Range(0, 6).Select(i => new InventoryTarget(i == 4 ? "NO-SUCH-SKU" : $"SKU-{Math.Min(i, 4)}", InventoryTarget.DefaultLocation, 10 + i)).ToList();

        var results = await services.Magento().PushInventoryAsync(targets, Ct);

        Assert.Equal(PushOutcome.Rejected, results[4].Outcome);
        Assert.Contains("The product with SKU \"NO-SUCH-SKU\" does not exist.", results[4].Reason, StringComparison.Ordinal);
        Assert.All(results.Where((_, i) => i != 4), r => Assert.Equal(PushOutcome.Applied, r.Outcome));
        Assert.Equal(15m, _emulator.GetSourceQuantity("SKU-4", "default"));
        var posts = _emulator.Requests.Count(r => r.Method == "POST" && r.Path == "/V1/inventory/source-items");
        Assert.Equal(2 + 3, posts); // two batches of three, the second split into its three items
    }

    [Fact]
    public async Task PushInventory_ServerErrorThroughout_ItemsMarkedRetry()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, o => o.CompensateReservations = false, _time);
        _emulator.InjectFault(MagentoEmulatorFault.InternalError);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 1)], Ct);

        Assert.Equal(PushOutcome.Retry, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task PushInventory_ReservationsUnreadable_NothingWrittenAndItemsRetry()
    {
        _emulator.AddProduct("SKU-A");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        _emulator.InjectFault(MagentoEmulatorFault.MaintenancePage);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-A", InventoryTarget.DefaultLocation, 1)], Ct);

        Assert.Equal(PushOutcome.Retry, Assert.Single(results).Outcome);
        Assert.Null(_emulator.GetSourceQuantity("SKU-A", "default"));
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

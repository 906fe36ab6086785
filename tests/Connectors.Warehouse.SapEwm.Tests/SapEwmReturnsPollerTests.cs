using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class SapEwmReturnsPollerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WarehouseOrder Order() =>
        new("shop-a", "1001", [new WarehouseOrderLine("L1", "TG11", 2, "C1"), new WarehouseOrderLine("L2", "TG12", 1, "C2")], shipTo: new Address
        {
            Name = "Ada",
            CountryCode = "DE",
        });

    private static async Task<(SapTestHost Host, string CustomerReturn)> ReturnedAsync()
    {
        var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11", "TG12"));
        await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);
        var expected = await host.Warehouse_.ExpectReturnAsync(new ExpectedReturn
        {
            Channel = "shop-a",
            ReturnId = "R1",
            ChannelOrderId = "1001",
            Lines = [new WarehouseShipmentLine("TG11", 2, "L1"), new WarehouseShipmentLine("TG12", 1, "L2")],
        }, Ct);
        return (host, expected.WarehouseReference!);
    }

    private static SapEwmReturnsPoller Poller(SapTestHost host) => host.Services.GetRequiredService<SapEwmReturnsPoller>();

    [Fact]
    public async Task PollAsync_InspectionConfirmed_PublishesReceiptWithRestockPerFollowUpActivity()
    {
        var (host, customerReturn) = await ReturnedAsync();
        await using var _ = host;
        host.Time.Advance(TimeSpan.FromMinutes(3));
        var inspection = host.Emulator.InspectReturn(customerReturn, [("TG11", 1m, "0001"), ("TG11", 1m, "0002"), ("TG12", 1m, "0001")]);

        Assert.Equal(1, await Poller(host).PollAsync(Ct));

        var receipt = Assert.Single(host.Events.Receipts);
        Assert.Equal(inspection, receipt.ReceiptId);
        Assert.Equal(("shop-a", "R1", "1001"), (receipt.Channel, receipt.ReturnId, receipt.ChannelOrderId));
        Assert.Equal(
            [("TG11", 1m, false), ("TG11", 1m, true), ("TG12", 1m, true)],
            receipt.Lines.Select(l => (l.Sku, l.Quantity, l.Restock)).OrderBy(l => l.Sku, StringComparer.Ordinal).ThenBy(l => l.Restock));
        Assert.Equal(host.Time.GetUtcNow(), receipt.ReceivedAt);
    }

    [Fact]
    public async Task PollAsync_InspectionNotConfirmed_WaitsForConfirmationAndPublishesOnce()
    {
        var (host, customerReturn) = await ReturnedAsync();
        await using var _ = host;
        var inspection = host.Emulator.InspectReturn(customerReturn, [("TG11", 2m, "0001")], confirm: false);

        Assert.Equal(0, await Poller(host).PollAsync(Ct));
        Assert.Empty(host.Events.Receipts);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        host.Emulator.ConfirmReturnsInspection(inspection);
        Assert.Equal(1, await Poller(host).PollAsync(Ct));
        Assert.Equal(inspection, Assert.Single(host.Events.Receipts).ReceiptId);

        // The cursor is the confirmation's second ('ge', whole-second stamps): a later poll may read it again, under the
        // same receipt id, which the engine's outbox keeps to one confirmation on the channel.
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await Poller(host).PollAsync(Ct);
        Assert.All(host.Events.Receipts, r => Assert.Equal(inspection, r.ReceiptId));
        var last = host.Emulator.Requests.Last(r => r.Path.EndsWith("/ReturnsInspection", StringComparison.Ordinal));
        Assert.Contains("LastChangeDateTime ge 2026-12-02T09:01:00Z", Uri.UnescapeDataString(last.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_InspectionOfAReturnNotOurs_Skipped()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11"));
        var foreign = host.Emulator.CreateForeignCustomerReturn("TG11", 1m, "RMA-4711");
        host.Emulator.InspectReturn(foreign, [("TG11", 1m, "0001")]);

        Assert.Equal(0, await Poller(host).PollAsync(Ct));
        Assert.Empty(host.Events.Receipts);
    }

    [Fact]
    public async Task PollAsync_ShopifyLengthReturnKey_ReceiptCarriesTheWholeReturnId()
    {
        const string returnId = "gid://shopify/Return/1234567890123";
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11", "TG12"));
        await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);
        var expected = await host.Warehouse_.ExpectReturnAsync(new ExpectedReturn
        {
            Channel = "shop-a",
            ReturnId = returnId,
            ChannelOrderId = "1001",
            Lines = [new WarehouseShipmentLine("TG11", 1, "L1")],
        }, Ct);
        host.Emulator.InspectReturn(expected.WarehouseReference!, [("TG11", 1m, "0001")]);

        Assert.Equal(1, await Poller(host).PollAsync(Ct));

        var receipt = Assert.Single(host.Events.Receipts);
        Assert.Equal(("shop-a", returnId, "1001"), (receipt.Channel, receipt.ReturnId, receipt.ChannelOrderId));
    }
}

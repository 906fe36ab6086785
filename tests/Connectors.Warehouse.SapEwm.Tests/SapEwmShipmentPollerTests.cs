using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class SapEwmShipmentPollerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WarehouseOrder Order(string id) =>
        new("shop-a", id, [new WarehouseOrderLine("L1", "TG11", 2, "C1"), new WarehouseOrderLine("L2", "TG12", 1, "C2"), new WarehouseOrderLine("L3", "TG11", 1, "C3")],
            shipTo: new Address { Name = "Ada", CountryCode = "DE" });

    private static async Task<string> SubmitAsync(SapTestHost host, string id)
    {
        var result = await host.Warehouse_.SubmitOrderAsync(Order(id), "shop-a:" + id, Ct);
        return Assert.Single(host.Emulator.DeliveriesOf(result.WarehouseReference!));
    }

    [Fact]
    public async Task PollAsync_GoodsIssuePosted_PublishesShipmentWithLinesCarrierAndTracking()
    {
        await using var host = await SapTestHost.StartAsync(o => o.CarrierNames["17300001"] = "UPS", e => { e.AddStock("1710", "TG11", 10); e.AddStock("1710", "TG12", 10); });
        var delivery = await SubmitAsync(host, "1001");
        host.Time.Advance(TimeSpan.FromMinutes(5));
        host.Emulator.PostGoodsIssue(delivery, transportPartnerReference: "1Z999AA10123456784", carrier: "17300001", carrierName: "UPS Germany");

        var published = await host.Poller.PollAsync(Ct);

        Assert.Equal(1, published);
        var shipment = Assert.Single(host.Events.Shipments);
        Assert.Equal(delivery, shipment.ShipmentId);
        Assert.Equal(("shop-a", "1001"), (shipment.Channel, shipment.ChannelOrderId));
        Assert.Equal([("TG11", 3m), ("TG12", 1m)], shipment.Lines.Select(l => (l.Sku, l.Quantity)).OrderBy(l => l.Sku, StringComparer.Ordinal));
        Assert.Equal("UPS", shipment.Carrier);
        Assert.Equal("1Z999AA10123456784", Assert.Single(shipment.Tracking).Number);
        Assert.Equal(host.Time.GetUtcNow(), shipment.ShippedAt);
        Assert.Equal(7m, host.Emulator.StockOf("1710", "TG11"));
    }

    [Fact]
    public async Task PollAsync_NotGoodsIssued_PublishesNothingAndLaterPicksItUp()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11", "TG12"));
        var delivery = await SubmitAsync(host, "1001");
        host.Emulator.StartPicking(delivery);

        Assert.Equal(0, await host.Poller.PollAsync(Ct));
        var cursor = await host.Services.GetRequiredService<ISyncStateStore>().GetCursorAsync(SapEwmShipmentPoller.CursorChannel, SapEwmShipmentPoller.CursorName("1710"), Ct);
        Assert.NotNull(cursor);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        host.Emulator.PostGoodsIssue(delivery, transportPartnerReference: "TRK1");
        Assert.Equal(1, await host.Poller.PollAsync(Ct));
        Assert.Equal(delivery, Assert.Single(host.Events.Shipments).ShipmentId);

        // The cursor filters by change time: the next poll asks only from the goods issue on.
        var last = host.Emulator.Requests.Last(r => r.Path.EndsWith("/WhseOutboundDeliveryOrderHead", StringComparison.Ordinal));
        Assert.Contains("EWMDelivLastChangeUTCDateTime ge 2026-12-02T09:00:00Z", Uri.UnescapeDataString(last.Query), StringComparison.Ordinal);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Poller.PollAsync(Ct);
        var next = host.Emulator.Requests.Last(r => r.Path.EndsWith("/WhseOutboundDeliveryOrderHead", StringComparison.Ordinal));
        Assert.Contains("EWMDelivLastChangeUTCDateTime ge 2026-12-02T09:01:00Z", Uri.UnescapeDataString(next.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_CancelledDelivery_IsNotAShipment()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11", "TG12"));
        await SubmitAsync(host, "1001");
        await host.Warehouse_.CancelOrderAsync("shop-a", "1001", null, Ct);

        Assert.Equal(0, await host.Poller.PollAsync(Ct));
        Assert.Empty(host.Events.Shipments);
    }

    [Fact]
    public async Task PollAsync_TrackingFromMasterBillOfLading_UsesIt()
    {
        await using var host = await SapTestHost.StartAsync(o => o.TrackingSource = SapTrackingSource.MasterBillOfLading, e => e.AddProducts("TG11", "TG12"));
        var delivery = await SubmitAsync(host, "1001");
        host.Emulator.PostGoodsIssue(delivery, transportPartnerReference: "NOT-THIS", masterBillOfLading: "MBL-42");

        await host.Poller.PollAsync(Ct);

        Assert.Equal("MBL-42", Assert.Single(Assert.Single(host.Events.Shipments).Tracking).Number);
    }

    [Fact]
    public async Task PollAsync_TrackingFromHostCallback_AsksTheResolver()
    {
        var resolver = new Resolver();
        await using var host = await SapTestHost.StartAsync(
            o => o.TrackingSource = SapTrackingSource.HostCallback,
            e => e.AddProducts("TG11", "TG12"),
            s => s.AddSingleton<ISapEwmTrackingResolver>(resolver));
        var delivery = await SubmitAsync(host, "1001");
        host.Emulator.PostGoodsIssue(delivery, carrier: "17300001");

        await host.Poller.PollAsync(Ct);

        Assert.Equal("CB-" + delivery, Assert.Single(Assert.Single(host.Events.Shipments).Tracking).Number);
        Assert.Equal("17300001", resolver.Seen!.Carrier);
    }

    [Fact]
    public async Task PollAsync_DeliveryOfASalesOrderWithAForeignReference_Skipped()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11", "TG12"));
        var result = await host.Warehouse_.SubmitOrderAsync(Order("1001"), "MANUAL-PO-77", Ct); // a reference that names no channel order
        host.Emulator.PostGoodsIssue(Assert.Single(host.Emulator.DeliveriesOf(result.WarehouseReference!)));

        Assert.Equal(0, await host.Poller.PollAsync(Ct));
        Assert.Empty(host.Events.Shipments);
    }

    [Fact]
    public async Task PollAsync_PackedInHandlingUnits_OneShipmentPerUnitWithItsTrackingAndTheRestUnderTheDelivery()
    {
        await using var host = await SapTestHost.StartAsync(
            o => { o.TrackingSource = SapTrackingSource.HandlingUnitAlternativeId; o.TrackingAlternativeIdType = "T"; },
            e => e.AddProducts("TG11", "TG12"));
        var delivery = await SubmitAsync(host, "1001"); // TG11 x3, TG12 x1
        host.Emulator.PackHandlingUnit(delivery, "HU-1", [("TG11", 2m)], new Dictionary<string, string> { ["S"] = "00340000000000000018", ["T"] = "1Z-PARCEL-1" });
        host.Emulator.PackHandlingUnit(delivery, "HU-2", [("TG11", 1m), ("TG12", 1m)], new Dictionary<string, string> { ["T"] = "1Z-PARCEL-2" });
        host.Emulator.PostGoodsIssue(delivery, transportPartnerReference: "NOT-PER-PARCEL");

        Assert.Equal(2, await host.Poller.PollAsync(Ct));

        var shipments = host.Events.Shipments.OrderBy(s => s.ShipmentId, StringComparer.Ordinal).ToList();
        Assert.Equal([delivery + "/HU-1", delivery + "/HU-2"], shipments.Select(s => s.ShipmentId));
        Assert.Equal([("TG11", 2m)], shipments[0].Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal("1Z-PARCEL-1", Assert.Single(shipments[0].Tracking).Number);
        Assert.Equal([("TG11", 1m), ("TG12", 1m)], shipments[1].Lines.Select(l => (l.Sku, l.Quantity)).OrderBy(l => l.Sku, StringComparer.Ordinal));
        Assert.Equal("1Z-PARCEL-2", Assert.Single(shipments[1].Tracking).Number);
        Assert.All(shipments, s => Assert.Equal(("shop-a", "1001"), (s.Channel, s.ChannelOrderId)));
    }

    [Fact]
    public async Task PollAsync_PartlyPacked_UnpackedRestShipsUnderTheDeliveryNumberWithHeaderTracking()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddProducts("TG11", "TG12"));
        var delivery = await SubmitAsync(host, "1001");
        host.Emulator.PackHandlingUnit(delivery, "HU-1", [("TG11", 2m), ("TG12", 5m)]); // packed beyond the delivery: capped at what it holds
        host.Emulator.PostGoodsIssue(delivery, transportPartnerReference: "TRK-9");

        Assert.Equal(2, await host.Poller.PollAsync(Ct));

        var byId = host.Events.Shipments.ToDictionary(s => s.ShipmentId, StringComparer.Ordinal);
        Assert.Equal([("TG11", 2m), ("TG12", 1m)], byId[delivery + "/HU-1"].Lines.Select(l => (l.Sku, l.Quantity)).OrderBy(l => l.Sku, StringComparer.Ordinal));
        Assert.Equal([("TG11", 1m)], byId[delivery].Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.All(byId.Values, s => Assert.Equal("TRK-9", Assert.Single(s.Tracking).Number));
    }

    [Fact]
    public async Task PollAsync_SplitTurnedOff_OneShipmentDespiteHandlingUnits()
    {
        await using var host = await SapTestHost.StartAsync(o => o.SplitShipmentsByHandlingUnit = false, e => e.AddProducts("TG11", "TG12"));
        var delivery = await SubmitAsync(host, "1001");
        host.Emulator.PackHandlingUnit(delivery, "HU-1", [("TG11", 2m)]);
        host.Emulator.PostGoodsIssue(delivery);

        Assert.Equal(1, await host.Poller.PollAsync(Ct));
        Assert.Equal(delivery, Assert.Single(host.Events.Shipments).ShipmentId);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Path.Contains("api_handlingunit", StringComparison.Ordinal));
    }

    private sealed class Resolver : ISapEwmTrackingResolver
    {
        public SapOutboundDelivery? Seen { get; private set; }

        public Task<IReadOnlyList<TrackingInfo>> ResolveAsync(SapOutboundDelivery delivery, CancellationToken cancellationToken = default)
        {
            Seen = delivery;
            return Task.FromResult<IReadOnlyList<TrackingInfo>>([new TrackingInfo("CB-" + delivery.DeliveryOrder)]);
        }
    }

    [Fact]
    public async Task PollAsync_DeliveryOrderAppears_ReportedToTheChannelOnceWithItsNumber()
    {
        var channel = new FakeChannel("shop-a");
        await using var host = await SapTestHost.StartAsync(o => o.ReportDeliveryOrders = true, emulator: e => e.AddProducts("TG11", "TG12"), more: s => s.AddConnectors().AddChannel("shop-a", "fake", _ => channel));
        var submitted = await host.Warehouse_.SubmitOrderAsync(Order("1001"), "shop-a:1001", Ct);
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(submitted.WarehouseReference!));

        Assert.Equal(0, await host.Poller.PollAsync(Ct));

        var acknowledgement = Assert.Single(channel.Acknowledgements);
        Assert.Equal(("1001", ReleaseDecision.Release, delivery), (acknowledgement.ChannelOrderId, acknowledgement.Decision, acknowledgement.WarehouseReference));

        // Picking and goods issue change the delivery order again; the channel heard of it once.
        host.Time.Advance(TimeSpan.FromMinutes(1));
        host.Emulator.StartPicking(delivery);
        await host.Poller.PollAsync(Ct);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        host.Emulator.PostGoodsIssue(delivery, transportPartnerReference: "TRK1");
        Assert.Equal(1, await host.Poller.PollAsync(Ct));
        Assert.Single(channel.Acknowledgements);
    }

    [Fact]
    public async Task PollAsync_ReportDeliveryOrdersOff_ChannelNotTold()
    {
        var channel = new FakeChannel("shop-a");
        await using var host = await SapTestHost.StartAsync(o => o.ReportDeliveryOrders = false, e => e.AddProducts("TG11", "TG12"), s => s.AddConnectors().AddChannel("shop-a", "fake", _ => channel));
        await SubmitAsync(host, "1001");

        await host.Poller.PollAsync(Ct);

        Assert.Empty(channel.Acknowledgements);
    }
}

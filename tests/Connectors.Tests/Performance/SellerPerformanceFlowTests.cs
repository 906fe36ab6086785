using Connectors.Testing;
using Connectors.Tests.DeadLetters;
using Connectors.Tests.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Tests.Performance;

/// <summary>Issue 20: the order and fulfilment flows record the events seller performance is computed from.</summary>
public class SellerPerformanceFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChannelOrder Order(string id, int minute = 1, ChannelOrderStatus status = ChannelOrderStatus.Open, DateTimeOffset? shipBy = null) =>
        ModelFactory.Order(OrderFlowHarness.Name, id, [("SKU-1", 1)], updatedAt: ModelFactory.Epoch.AddMinutes(minute), status: status) with { ShipBy = shipBy };

    private static async Task<OrderTimeline> TimelineAsync(OrderFlowHarness h, string id) =>
        (await h.Store.ListOrderTimelinesAsync(OrderFlowHarness.Name, DateTimeOffset.MinValue, Ct).ToListAsync(Ct)).Single(t => t.OrderId == id);

    [Fact]
    public async Task ProcessInbox_OrderAccepted_RecordsPlacementShipByAndAcceptance()
    {
        using var h = new OrderFlowHarness();
        var shipBy = ModelFactory.Epoch.AddDays(2);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1", shipBy: shipBy), "d-1"), Ct);

        await h.Orders.ProcessInboxAsync(Ct);

        var timeline = await TimelineAsync(h, "1");
        Assert.Equal(ModelFactory.Epoch, timeline.PlacedAt);
        Assert.Equal(shipBy, timeline.ShipBy); // through the inbox payload and the mapper
        Assert.Equal(shipBy, Assert.Single(h.Warehouse.Orders.Values).ShipBy);
        Assert.Equal(h.Time.GetUtcNow(), timeline.AcceptedAt);
        Assert.Null(timeline.RefusedAt);
    }

    [Fact]
    public async Task ProcessInbox_WmsRefusesSubmission_RecordsTheRefusal()
    {
        using var h = new OrderFlowHarness(warehouseOrders: new SwitchableWarehouse { SubmitRefusal = "unknown SKU" });
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("2"), "d-1"), Ct);

        await h.Orders.ProcessInboxAsync(Ct);

        var timeline = await TimelineAsync(h, "2");
        Assert.Equal(h.Time.GetUtcNow(), timeline.RefusedAt);
        Assert.Null(timeline.AcceptedAt);
        var week = (await h.Services.GetRequiredService<ISellerPerformance>().GetReportAsync(OrderFlowHarness.Name, Ct)).Last30Days;
        Assert.Equal((1, 1), (week.OrdersPlaced, week.CancelledBeforeFulfillment));
    }

    [Fact]
    public async Task ProcessInbox_CancelledBeforeAndAfterReachingTheWms_RecordsTheCancellation()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("3", status: ChannelOrderStatus.Cancelled), "d-1"), Ct);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("4"), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Time.Advance(TimeSpan.FromMinutes(5));
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("4", 2, ChannelOrderStatus.Cancelled), "d-3"), Ct);

        await h.Orders.ProcessInboxAsync(Ct);

        Assert.NotNull((await TimelineAsync(h, "3")).CancelledAt);
        var four = await TimelineAsync(h, "4");
        Assert.Equal(h.Time.GetUtcNow(), four.CancelledAt);
        Assert.Equal(h.Time.GetUtcNow() - TimeSpan.FromMinutes(5), four.AcceptedAt);
    }

    [Fact]
    public async Task ProcessOutbox_ShipmentConfirmed_RecordsConfirmationAndTracking()
    {
        using var h = new OrderFlowHarness();
        var order = Order("5", shipBy: ModelFactory.Epoch.AddDays(2));
        h.Channel.PutOrder(order);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Time.Advance(TimeSpan.FromHours(1));
        var shipment = new WarehouseShipment(
            "S-5", OrderFlowHarness.Name, "5", [new WarehouseShipmentLine("SKU-1", 1m)], h.Time.GetUtcNow() - TimeSpan.FromMinutes(10), "UPS", "Ground", [new TrackingInfo("1Z999AA10123456784")]);
        await h.Fulfillment.PublishShipmentAsync(shipment, Ct);

        await h.Fulfillment.ProcessOutboxAsync(Ct);

        var confirmed = h.Time.GetUtcNow();
        Assert.Equal(confirmed, (await TimelineAsync(h, "5")).FirstConfirmedAt);
        var sent = Assert.Single(await h.Store.ListShipmentTimelinesAsync(OrderFlowHarness.Name, DateTimeOffset.MinValue, Ct).ToListAsync(Ct));
        Assert.Equal(("S-5", "5", true, "UPS"), (sent.ShipmentId, sent.OrderId, sent.ValidTracking, sent.Carrier));
        var report = await h.Services.GetRequiredService<ISellerPerformance>().GetReportAsync(OrderFlowHarness.Name, Ct);
        Assert.Equal(TimeSpan.FromMinutes(10), report.Last7Days.MedianShipToChannel);
        Assert.Equal(1.0, report.Last7Days.ValidTrackingRate);
    }
}

using Connectors.Reconciliation.Internal;
using Connectors.Testing;
using Connectors.Tests.Orders;

namespace Connectors.Tests.Reconciliation;

/// <summary>
/// Newer channel versions of known orders: the engine's own writes (acknowledgement tag, fulfilment) move the
/// channel's updated-at without changing anything the order flow acts on, and must not be reported; real changes must.
/// </summary>
public partial class ReconcilerTests
{
    /// <summary>
    /// The same order as the channel shows it after the engine wrote to it: a later updated-at, an acknowledgement
    /// tag and reference attribute, and (optionally) a fulfilment status; every field the order flow maps is unchanged.
    /// </summary>
    private static ChannelOrder TouchedByEngine(ChannelOrder order, DateTimeOffset at, FulfillmentStatus fulfillment = FulfillmentStatus.Unfulfilled) =>
        new(order.Channel, order.OrderId, order.Currency, order.Lines, order.CreatedAt, at, order.OrderNumber, order.Status, order.PaymentStatus, fulfillment,
            order.ShippingAddress, order.BillingAddress, order.Email, order.ShippingMethod, order.ShippingTotal, order.Total,
            order.Note, [.. order.Tags, "wms-received"], new Dictionary<string, string>(order.Attributes) { ["meta._wms_reference"] = "WMS-1" });

    private static async Task<ChannelOrder> SubmitAsync(OrderFlowHarness h, ChannelOrder order)
    {
        h.Channel.PutOrder(order);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-" + order.OrderId), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        return order;
    }

    [Fact]
    public async Task Reconcile_OwnAcknowledgementMovedUpdatedAt_NotReportedNothingEnqueued()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        var v1 = await SubmitAsync(h, ModelFactory.Order("a", "10", [("SKU-1", 2), ("SKU-2", 1)], updatedAt: now.AddHours(-3)));
        Assert.Single(h.Channel.Acknowledgements);
        h.Channel.PutOrder(TouchedByEngine(v1, now.AddHours(-3).AddSeconds(2)));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);

        Assert.Equal(1, report.OrdersChecked);
        Assert.True(report.IsClean, report.ToText());
        Assert.Equal(0, await h.Store.CountPendingAsync(WorkQueue.Inbox, "a", Ct));
    }

    [Fact]
    public async Task Reconcile_OwnFulfilmentMovedUpdatedAtAndStatus_NotReported()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        var v1 = await SubmitAsync(h, ModelFactory.Order("a", "11", [("SKU-1", 1)], updatedAt: now.AddHours(-3)));
        h.Channel.PutOrder(TouchedByEngine(v1, now.AddHours(-1), FulfillmentStatus.Fulfilled));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false, DryRun = true }, Ct);

        Assert.True(report.IsClean, report.ToText());
    }

    [Fact]
    public async Task Reconcile_QuantityChangedAfterAcknowledgement_ReportedRepairedAndForwardedOnce()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        var v1 = await SubmitAsync(h, ModelFactory.Order("a", "12", [("SKU-1", 1)], updatedAt: now.AddHours(-3)));
        h.Channel.PutOrder(TouchedByEngine(v1, now.AddHours(-3).AddSeconds(1))); // the acknowledgement
        var edited = ModelFactory.Order("a", "12", [("SKU-1", 3)], updatedAt: now.AddHours(-2)); // then the merchant edits the order
        h.Channel.PutOrder(TouchedByEngine(edited, edited.UpdatedAt));

        var dry = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false, DryRun = true }, Ct);
        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        var after = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);

        var difference = Assert.Single(dry.Differences);
        Assert.Equal((ReconciliationDifferenceKind.MissedOrderUpdate, "12", false), (difference.Kind, difference.Key, difference.Repaired));
        Assert.Contains("quantities", difference.Description, StringComparison.Ordinal);
        Assert.True(Assert.Single(report.Differences).Repaired);
        Assert.Equal(3m, h.Warehouse.Orders[("a", "12")].Lines[0].Quantity);
        Assert.True(after.IsClean, after.ToText());
    }

    [Fact]
    public async Task Reconcile_CancelledOnChannelNeverDelivered_ReportedAndCancelledInWms()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        await SubmitAsync(h, ModelFactory.Order("a", "13", [("SKU-1", 1)], updatedAt: now.AddHours(-3)));
        h.Channel.PutOrder(ModelFactory.Order("a", "13", [("SKU-1", 1)], updatedAt: now.AddHours(-1), status: ChannelOrderStatus.Cancelled));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        var difference = Assert.Single(report.Differences);
        Assert.Equal(ReconciliationDifferenceKind.MissedOrderUpdate, difference.Kind);
        Assert.Contains("cancelled", difference.Description, StringComparison.Ordinal);
        Assert.Equal(OrderRecordStatus.Cancelled, (await h.Store.GetOrderRecordAsync("a", "13", Ct))!.Status);
    }

    [Fact]
    public async Task Reconcile_CancellationWaitingInInbox_NotReportedAgain()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        await SubmitAsync(h, ModelFactory.Order("a", "16", [("SKU-1", 1)], updatedAt: now.AddHours(-3)));
        var cancelled = ModelFactory.Order("a", "16", [("SKU-1", 1)], updatedAt: now.AddHours(-1), status: ChannelOrderStatus.Cancelled);
        h.Channel.PutOrder(cancelled);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(cancelled, "d-16-cancel", OrderEventKind.Cancelled), Ct); // delivered, not processed yet

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);

        Assert.True(report.IsClean, report.ToText());
        Assert.Equal(1, await h.Store.CountPendingAsync(WorkQueue.Inbox, "a", Ct));
    }

    [Fact]
    public async Task Reconcile_NewerVersionAddsUnmappedItem_ReportedWithTheMappingError()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        await SubmitAsync(h, ModelFactory.Order("a", "17", [("SKU-1", 1)], updatedAt: now.AddHours(-3)));
        h.Catalogue.Unmap("SKU-X");
        h.Channel.PutOrder(ModelFactory.Order("a", "17", [("SKU-1", 1), ("SKU-X", 1)], updatedAt: now.AddHours(-1)));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false, DryRun = true }, Ct);

        var difference = Assert.Single(report.Differences);
        Assert.Equal(ReconciliationDifferenceKind.MissedOrderUpdate, difference.Kind);
        Assert.Contains("does not map", difference.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_HeldOrderPaidLater_ReportedAsReleaseChangeAndSubmitted()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        await SubmitAsync(h, ModelFactory.Order("a", "14", [("SKU-1", 1)], PaymentStatus.Pending, updatedAt: now.AddHours(-3)));
        Assert.False(h.Warehouse.Orders.ContainsKey(("a", "14")));
        h.Channel.PutOrder(ModelFactory.Order("a", "14", [("SKU-1", 1)], PaymentStatus.Paid, updatedAt: now.AddHours(-1)));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        var difference = Assert.Single(report.Differences);
        Assert.Equal(ReconciliationDifferenceKind.MissedOrderUpdate, difference.Kind);
        Assert.Contains("release decision is now Release", difference.Description, StringComparison.Ordinal);
        Assert.True(h.Warehouse.Orders.ContainsKey(("a", "14")));
    }

    [Fact]
    public async Task Reconcile_HeldOrderPaidWithoutANewVersion_ReportedAndSubmitted()
    {
        // A coarse updated-at (WooCommerce: whole seconds) kept the version through the payment.
        using var h = new OrderFlowHarness();
        var version = h.Time.GetUtcNow().AddHours(-3);
        await SubmitAsync(h, ModelFactory.Order("a", "16", [("SKU-1", 1)], PaymentStatus.Pending, updatedAt: version));
        h.Channel.PutOrder(ModelFactory.Order("a", "16", [("SKU-1", 1)], PaymentStatus.Paid, updatedAt: version));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        var difference = Assert.Single(report.Differences); // before: none, the version was not newer than the record's
        Assert.Equal(ReconciliationDifferenceKind.MissedOrderUpdate, difference.Kind);
        Assert.Contains("release decision is now Release", difference.Description, StringComparison.Ordinal);
        Assert.True(h.Warehouse.Orders.ContainsKey(("a", "16")));
    }

    [Fact]
    public async Task Reconcile_HeldOrderTouchedButStillUnpaid_NotReported()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        var v1 = await SubmitAsync(h, ModelFactory.Order("a", "15", [("SKU-1", 1)], PaymentStatus.Pending, updatedAt: now.AddHours(-3)));
        h.Channel.PutOrder(TouchedByEngine(v1, now.AddHours(-2)));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);

        Assert.True(report.IsClean, report.ToText());
    }

    [Fact]
    public void IsOnChannel_ListingWithoutKeysSameTrackingNumbers_Found()
    {
        var shipment = ModelFactory.Shipment("S9", "a", "9", [("SKU-1", 1m)]);
        var listed = new ChannelFulfillment
        {
            FulfillmentId = "F1",
            ChannelOrderId = "9",
            Lines = [new FulfillmentLine("1", 1)],
            Tracking = [new TrackingInfo("1ZS9")],
        };
        var other = new ChannelFulfillment
        {
            FulfillmentId = "F2",
            ChannelOrderId = "9",
            Lines = [new FulfillmentLine("1", 1)],
            Tracking = [new TrackingInfo("1ZS8")],
        };
        var keyedToAnother = listed with { IdempotencyKey = "S8" };

        Assert.True(Reconciler.IsOnChannel([other, listed], shipment));
        Assert.False(Reconciler.IsOnChannel([other], shipment));
        Assert.False(Reconciler.IsOnChannel([keyedToAnother], shipment));
        Assert.True(Reconciler.IsOnChannel([other with { IdempotencyKey = "S9" }], shipment));
    }
}

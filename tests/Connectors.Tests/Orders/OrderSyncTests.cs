using Connectors.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connectors.Tests.Orders;

public partial class OrderSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChannelOrder Order(string id, DateTimeOffset? at = null, PaymentStatus payment = PaymentStatus.Paid, ChannelOrderStatus status = ChannelOrderStatus.Open, params (string, int)[] lines) =>
        ModelFactory.Order(OrderFlowHarness.Name, id, lines.Length == 0 ? [("SKU-1", 2)] : lines, payment, at, status);

    [Fact]
    public async Task AcceptAndPoll_SameOrderVersion_SubmitsOneWarehouseOrder()
    {
        using var h = new OrderFlowHarness();
        var order = Order("1001", h.Time.GetUtcNow().AddMinutes(-5));
        h.Channel.PutOrder(order);

        var first = await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct);
        var again = await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct);
        var poll = await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);
        var secondPass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(InboxAcceptOutcome.Accepted, first);
        Assert.Equal(InboxAcceptOutcome.Duplicate, again);
        Assert.Equal(1, poll.Seen);
        Assert.Equal(0, poll.Enqueued);
        Assert.Equal(new WorkPassResult { Claimed = 1, Completed = 1, Retried = 0, DeadLettered = 0 }, pass);
        Assert.Equal(0, secondPass.Claimed);
        Assert.Equal(1, h.Warehouse.SubmitCalls);
        var submitted = Assert.Single(h.Warehouse.Orders.Values);
        Assert.Equal("SKU-1", Assert.Single(submitted.Lines).Sku);
        var ack = Assert.Single(h.Channel.Acknowledgements);
        Assert.Equal(ReleaseDecision.Release, ack.Decision);
        Assert.Equal("WMS-a-1001", ack.WarehouseReference);
        var record = await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, "1001", Ct);
        Assert.Equal(OrderRecordStatus.Submitted, record!.Status);
        Assert.Equal(order.UpdatedAt, record.Version);
    }

    [Fact]
    public async Task AcceptAsync_DifferentDeliveriesOfSameVersion_OneInboxItem()
    {
        using var h = new OrderFlowHarness();
        var order = Order("1002");

        Assert.Equal(InboxAcceptOutcome.Accepted, await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct));
        Assert.Equal(InboxAcceptOutcome.Duplicate, await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-2"), Ct));
        Assert.Equal(1, await h.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
    }

    [Fact]
    public async Task ProcessInbox_OlderVersionAfterNewer_OlderIgnored()
    {
        using var h = new OrderFlowHarness();
        var t = ModelFactory.Epoch;
        var v1 = Order("1003", t.AddMinutes(1), lines: ("SKU-1", 1));
        var v2 = Order("1003", t.AddMinutes(2), lines: ("SKU-1", 3));

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v2, "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        var late = await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v1, "d-1"), Ct);

        Assert.Equal(InboxAcceptOutcome.Stale, late);
        Assert.Equal(0, (await h.Orders.ProcessInboxAsync(Ct)).Claimed);
        Assert.Equal(3m, Assert.Single(h.Warehouse.Orders.Values).Lines[0].Quantity);
        Assert.Equal(1, h.Warehouse.SubmitCalls);
    }

    [Fact]
    public async Task ProcessInbox_OlderVersionQueuedBehindNewer_OlderCompletesWithoutEffect()
    {
        using var h = new OrderFlowHarness();
        var t = ModelFactory.Epoch;
        var v1 = Order("1004", t.AddMinutes(1), lines: ("SKU-1", 1));
        var v2 = Order("1004", t.AddMinutes(2), lines: ("SKU-1", 3));

        // Both in the inbox before either is processed; the newer one was delivered first.
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v2, "d-2"), Ct);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v1, "d-1"), Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(new WorkPassResult { Claimed = 2, Completed = 2, Retried = 0, DeadLettered = 0 }, pass);
        Assert.Equal(3m, Assert.Single(h.Warehouse.Orders.Values).Lines[0].Quantity);
        Assert.Equal(v2.UpdatedAt, (await h.Store.GetOrderRecordAsync("a", "1004", Ct))!.Version);
    }

    [Fact]
    public async Task ProcessInbox_PaidEventWithoutOrder_FetchesOrderFromChannel()
    {
        using var h = new OrderFlowHarness();
        var order = Order("1005");
        h.Channel.PutOrder(order);

        var accepted = await h.Orders.AcceptAsync(new OrderChannelEvent
        {
            Channel = "a",
            DeliveryId = "d-9",
            OccurredAt = order.UpdatedAt,
            Kind = OrderEventKind.Paid,
            OrderId = "1005",
            Order = null,
        }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(InboxAcceptOutcome.Accepted, accepted);
        Assert.True(h.Warehouse.Orders.ContainsKey(("a", "1005")));
    }

    [Fact]
    public async Task ProcessInbox_EventBeforeOrderIsVisible_WaitsAndIsNotLost()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(new OrderChannelEvent
        {
            Channel = "a",
            DeliveryId = "d-1",
            OccurredAt = ModelFactory.Epoch,
            Kind = OrderEventKind.Paid,
            OrderId = "1006",
            Order = null,
        }, Ct);

        var first = await h.Orders.ProcessInboxAsync(Ct);
        var notDueYet = await h.Orders.ProcessInboxAsync(Ct);
        h.Channel.PutOrder(Order("1006"));
        h.PassRetryDelay();
        var second = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(new WorkPassResult { Claimed = 1, Completed = 0, Retried = 1, DeadLettered = 0 }, first);
        Assert.Equal(0, notDueYet.Claimed);
        Assert.Equal(new WorkPassResult { Claimed = 1, Completed = 1, Retried = 0, DeadLettered = 0 }, second);
        Assert.True(h.Warehouse.Orders.ContainsKey(("a", "1006")));
    }

    [Fact]
    public async Task ProcessInbox_ModifiedOrder_DiffForwardedAsUpdate()
    {
        using var h = new OrderFlowHarness();
        var v1 = Order("1007", ModelFactory.Epoch.AddMinutes(1), lines: ("SKU-1", 1));
        var v2 = Order("1007", ModelFactory.Epoch.AddMinutes(2), lines: [("SKU-1", 1), ("SKU-2", 4)]);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v1, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v2, "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        var wms = h.Warehouse.Orders[("a", "1007")];
        Assert.Equal(["SKU-1", "SKU-2"], wms.Lines.Select(l => l.Sku));
        Assert.Equal(v2.UpdatedAt, wms.ChannelVersion);
        Assert.Equal(1, h.Warehouse.SubmitCalls);
    }

    [Fact]
    public async Task ProcessInbox_NewVersionWithoutWarehouseChanges_NoUpdateSent()
    {
        using var h = new OrderFlowHarness();
        var v1 = Order("1008", ModelFactory.Epoch.AddMinutes(1));
        var v2 = Order("1008", ModelFactory.Epoch.AddMinutes(2)); // a tag or note elsewhere changed; lines and address did not
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v1, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v2, "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(v1.UpdatedAt, h.Warehouse.Orders[("a", "1008")].ChannelVersion);
        Assert.Equal(v2.UpdatedAt, (await h.Store.GetOrderRecordAsync("a", "1008", Ct))!.Version);
    }

    [Fact]
    public async Task ProcessInbox_CancelledOnChannel_CancelledInWms()
    {
        using var h = new OrderFlowHarness();
        var v1 = Order("1009", ModelFactory.Epoch.AddMinutes(1));
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v1, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Channel.PutOrder(Order("1009", ModelFactory.Epoch.AddMinutes(2), status: ChannelOrderStatus.Cancelled));

        await h.Orders.AcceptAsync(new OrderChannelEvent
        {
            Channel = "a",
            DeliveryId = "d-2",
            OccurredAt = ModelFactory.Epoch.AddMinutes(2),
            Kind = OrderEventKind.Cancelled,
            OrderId = "1009",
            Order = null,
        }, Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(new WorkPassResult { Claimed = 1, Completed = 1, Retried = 0, DeadLettered = 0 }, pass);
        Assert.Contains(("a", "1009"), h.Warehouse.Cancelled);
        Assert.Equal(OrderRecordStatus.Cancelled, (await h.Store.GetOrderRecordAsync("a", "1009", Ct))!.Status);
    }

    [Fact]
    public async Task ProcessInbox_CancelledBeforeRelease_NothingSentToWmsAndWindowClosed()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1010", ModelFactory.Epoch.AddMinutes(1), PaymentStatus.Pending), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1010", ModelFactory.Epoch.AddMinutes(2), PaymentStatus.Pending, ChannelOrderStatus.Cancelled), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(0, h.Warehouse.SubmitCalls);
        Assert.Empty(h.Warehouse.Cancelled);
        Assert.Equal(["open a/1010", "close a/1010"], h.Oversell.Calls);
    }

    [Fact]
    public async Task ProcessInbox_WmsRefusesCancellation_ExceptionEventAndMetric()
    {
        using var h = new OrderFlowHarness();
        using var exceptions = new MetricCollector<long>(h.MeterFactory, ConnectorsTelemetry.Name, "connectors.orders.exceptions");
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1011", ModelFactory.Epoch.AddMinutes(1)), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Warehouse.RefuseChangesTo("a", "1011", "already picked");

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1011", ModelFactory.Epoch.AddMinutes(2), status: ChannelOrderStatus.Cancelled), "d-2"), Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        Assert.Empty(h.Warehouse.Cancelled);
        var exception = Assert.Single(await h.Orders.ListExceptionsAsync("a", Ct).ToListAsync(Ct));
        Assert.Contains("already picked", exception.Reason, StringComparison.Ordinal);
        Assert.Contains("cancel order 1011", exception.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectorFlows.Orders, exception.Flow);
        Assert.Equal(1, Assert.Single(exceptions.GetMeasurementSnapshot()).Value);
        var letter = await h.DeadLetters.GetAsync(exception.DeadLetterId, Ct);
        Assert.Equal("wms-refused", letter!.ErrorType);
        Assert.Contains("\"status\":\"Cancelled\"", letter.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessInbox_WmsRefusesUpdate_ExceptionEventKeepsLastAcceptedVersion()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1012", ModelFactory.Epoch.AddMinutes(1), lines: ("SKU-1", 1)), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Warehouse.RefuseChangesTo("a", "1012", "already shipped");

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1012", ModelFactory.Epoch.AddMinutes(2), lines: ("SKU-1", 5)), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Contains("already shipped", Assert.Single(await h.Orders.ListExceptionsAsync(cancellationToken: Ct).ToListAsync(Ct)).Reason, StringComparison.Ordinal);
        Assert.Equal(1m, h.Warehouse.Orders[("a", "1012")].Lines[0].Quantity);
        Assert.Equal(ModelFactory.Epoch.AddMinutes(1), (await h.Store.GetOrderRecordAsync("a", "1012", Ct))!.Version);
    }

    [Fact]
    public async Task ProcessInbox_PaymentPendingThenPaid_HeldThenReleased()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1013", ModelFactory.Epoch.AddMinutes(1), PaymentStatus.Pending), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(0, h.Warehouse.SubmitCalls);
        Assert.Equal(OrderRecordStatus.Held, (await h.Store.GetOrderRecordAsync("a", "1013", Ct))!.Status);
        Assert.Equal(ReleaseDecision.Hold, Assert.Single(h.Channel.Acknowledgements).Decision);
        Assert.True(h.Oversell.Open.ContainsKey(("a", "1013")));

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1013", ModelFactory.Epoch.AddMinutes(2), PaymentStatus.Paid), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, h.Warehouse.SubmitCalls);
        Assert.Equal(OrderRecordStatus.Submitted, (await h.Store.GetOrderRecordAsync("a", "1013", Ct))!.Status);
        Assert.Equal([ReleaseDecision.Hold, ReleaseDecision.Release], h.Channel.Acknowledgements.Select(a => a.Decision));
        Assert.Empty(h.Oversell.Open);
    }

    [Fact]
    public async Task ProcessInbox_FailedPayment_RejectedNotSubmitted()
    {
        using var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1014", payment: PaymentStatus.Failed), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(0, h.Warehouse.SubmitCalls);
        var ack = Assert.Single(h.Channel.Acknowledgements);
        Assert.Equal(ReleaseDecision.Reject, ack.Decision);
        Assert.Contains("Failed", ack.Note, StringComparison.Ordinal);
        Assert.Equal(OrderRecordStatus.Rejected, (await h.Store.GetOrderRecordAsync("a", "1014", Ct))!.Status);
    }

    [Fact]
    public async Task ProcessInbox_OrderReceivedThenAccepted_OversellWindowOpenedInWmsUnitsThenClosed()
    {
        using var h = new OrderFlowHarness();
        PendingReservation? seen = null;
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1015", lines: [("gift-set", 2), ("six-pack", 1)]), "d-1"), Ct);

        // Hold first, to look at the open reservation.
        h.Warehouse.FailNextSubmits(1);
        await h.Orders.ProcessInboxAsync(Ct);
        seen = h.Oversell.Open[("a", "1015")];
        h.PassRetryDelay();
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(
            [("CAN", 6m), ("MUG", 2m), ("TEA", 4m)],
            seen.Quantities.Select(q => (q.Sku, q.Quantity)).OrderBy(q => q.Sku, StringComparer.Ordinal));
        Assert.Equal(["open a/1015", "open a/1015", "accepted a/1015"], h.Oversell.Calls);
        Assert.Empty(h.Oversell.Open);
    }

    [Fact]
    public async Task ProcessInbox_TransientWmsFailure_RetriedWithBackoffThenSubmittedOnce()
    {
        using var h = new OrderFlowHarness();
        h.Warehouse.FailNextSubmits(2);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1016"), "d-1"), Ct);

        var first = await h.Orders.ProcessInboxAsync(Ct);
        h.PassRetryDelay();
        var second = await h.Orders.ProcessInboxAsync(Ct);
        h.PassRetryDelay();
        var third = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, first.Retried);
        Assert.Equal(1, second.Retried);
        Assert.Equal(1, third.Completed);
        Assert.Single(h.Warehouse.Orders);
        Assert.Single(h.Channel.Acknowledgements);
    }

    [Fact]
    public async Task ProcessInbox_TransientFailureBeyondMaxAttempts_DeadLettered()
    {
        using var h = new OrderFlowHarness(o => o.MaxAttempts = 2);
        h.Warehouse.FailNextSubmits(5);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1017"), "d-1"), Ct);

        await h.Orders.ProcessInboxAsync(Ct);
        h.PassRetryDelay();
        var last = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, last.DeadLettered);
        var letter = Assert.Single(await h.DeadLetters.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(2, letter.Attempts);
        Assert.Contains("gave up after 2 attempts", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessInbox_MappingFailure_DeadLetteredThenReplayedAfterFix()
    {
        using var h = new OrderFlowHarness();
        h.Catalogue.Unmap("NEW-ITEM");
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1018", lines: [("SKU-1", 1), ("NEW-ITEM", 2)]), "d-1"), Ct);

        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        var letter = Assert.Single(await h.DeadLetters.ListAsync("a", ConnectorFlows.Orders, Ct).ToListAsync(Ct));
        Assert.Equal("mapping", letter.ErrorType);
        Assert.Contains("NEW-ITEM", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("Lines[1].ChannelItemId", letter.Reason, StringComparison.Ordinal);
        Assert.Empty(h.Warehouse.Orders);

        h.Catalogue.Map("NEW-ITEM");
        Assert.True(await h.DeadLetters.ReplayAsync(letter.Id, Ct));
        var replay = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, replay.Completed);
        Assert.Equal(["SKU-1", "NEW-ITEM"], h.Warehouse.Orders[("a", "1018")].Lines.Select(l => l.Sku));
        Assert.Empty(await h.DeadLetters.ListAsync(cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task ProcessInbox_RestartWithWorkInInbox_CompletedOnce()
    {
        var h = new OrderFlowHarness();
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1019"), "d-1"), Ct);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1020"), "d-2"), Ct);

        // The first host claims both and dies holding the lease.
        await h.Store.ClaimAsync(WorkQueue.Inbox, 10, h.Time.GetUtcNow(), TimeSpan.FromMinutes(2), cancellationToken: Ct);
        using var restarted = h.Restart();
        var whileLeased = await restarted.Orders.ProcessInboxAsync(Ct);
        restarted.Time.Advance(TimeSpan.FromMinutes(3));
        var afterLease = await restarted.Orders.ProcessInboxAsync(Ct);
        using var again = restarted.Restart();
        var third = await again.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(0, whileLeased.Claimed);
        Assert.Equal(2, afterLease.Completed);
        Assert.Equal(0, third.Claimed);
        Assert.Equal(2, again.Warehouse.Orders.Count);
        Assert.Equal(2, again.Warehouse.SubmitCalls);
        Assert.Equal(2, again.Channel.Acknowledgements.Count);
    }

    [Fact]
    public async Task ProcessInbox_AcknowledgementFailsAfterSubmit_RetryOnlyAcknowledges()
    {
        var channel = new FlakyAcknowledgementChannel(new FakeChannel(OrderFlowHarness.Name), failures: 1);
        using var h = new OrderFlowHarness(channel: channel);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1021"), "d-1"), Ct);

        var first = await h.Orders.ProcessInboxAsync(Ct);
        h.PassRetryDelay();
        var second = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, first.Retried);
        Assert.Equal(1, second.Completed);
        Assert.Equal(1, h.Warehouse.SubmitCalls);
        Assert.Single(channel.Inner.Acknowledgements);
    }

    [Fact]
    public async Task PollAsync_SecondPoll_StartsAtCursorMinusOverlapAndFindsLateOrder()
    {
        using var h = new OrderFlowHarness(o => o.Orders.PollOverlap = TimeSpan.FromMinutes(5));
        var now = h.Time.GetUtcNow();
        h.Channel.PutOrder(Order("2001", now.AddMinutes(-10)));
        var first = await h.Orders.PollAsync("a", Ct);

        // An order whose updated-at lands just before the cursor (clock skew, a slow page) shows up only now.
        h.Channel.PutOrder(Order("2002", now.AddMinutes(-12)));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await h.Orders.PollAsync("a", Ct);

        Assert.Equal(now - TimeSpan.FromDays(1), first.Since);
        Assert.Equal(now.AddMinutes(-10), first.Cursor);
        Assert.Equal(now.AddMinutes(-15), second.Since);
        Assert.Equal(2, second.Seen);
        Assert.Equal(1, second.Enqueued);
        await h.Orders.ProcessInboxAsync(Ct);
        Assert.Equal(2, h.Warehouse.Orders.Count);
    }

    [Fact]
    public async Task AcceptAsync_InventoryEvent_Ignored()
    {
        using var h = new OrderFlowHarness();

        var outcome = await h.Orders.AcceptAsync(new InventoryChangedEvent
        {
            Channel = "a",
            DeliveryId = "d-1",
            OccurredAt = ModelFactory.Epoch,
            ChannelItemId = "SKU-1",
            LocationId = "default",
            Available = 3,
        }, Ct);

        Assert.Equal(InboxAcceptOutcome.Ignored, outcome);
        Assert.Equal(0, await h.Store.CountPendingAsync(WorkQueue.Inbox, cancellationToken: Ct));
    }

    [Fact]
    public async Task AcceptAsync_CancellationWithoutNewUpdatedAt_StillForwarded()
    {
        using var h = new OrderFlowHarness();
        var order = Order("1022", ModelFactory.Epoch.AddMinutes(1));
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        var outcome = await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-2", OrderEventKind.Cancelled), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(InboxAcceptOutcome.Accepted, outcome);
        Assert.Contains(("a", "1022"), h.Warehouse.Cancelled);
    }
}

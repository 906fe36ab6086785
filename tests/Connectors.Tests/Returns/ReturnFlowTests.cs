using Connectors.Orders;
using Connectors.Testing;
using Connectors.Tests.Orders;

namespace Connectors.Tests.Returns;

public class ReturnFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SubmitAsync(OrderFlowHarness h, ChannelOrder order)
    {
        h.Channel.PutOrder(order);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-" + order.OrderId), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
    }

    [Fact]
    public async Task ReturnRequestedEvent_ProcessInbox_WmsExpectsReturnInWmsUnits()
    {
        using var h = new OrderFlowHarness();
        await SubmitAsync(h, ModelFactory.Order("a", "1", [("SKU-1", 1), ("gift-set", 2)]));
        var request = new ReturnRequest("a", "R1", "1", [new ReturnLine("2", 1, "damaged")], ModelFactory.Epoch);

        var accepted = await h.Orders.AcceptAsync(new ReturnRequestedEvent
        {
            Channel = "a",
            DeliveryId = "rd-1",
            OccurredAt = ModelFactory.Epoch,
            Request = request,
        }, Ct);
        var duplicate = await h.Orders.AcceptAsync(new ReturnRequestedEvent
        {
            Channel = "a",
            DeliveryId = "rd-2",
            OccurredAt = ModelFactory.Epoch,
            Request = request,
        }, Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(InboxAcceptOutcome.Accepted, accepted);
        Assert.Equal(InboxAcceptOutcome.Duplicate, duplicate);
        Assert.Equal(1, pass.Completed);
        var expected = Assert.Single(h.Warehouse.ExpectedReturns);
        Assert.Equal([("MUG", 1m), ("TEA", 2m)], expected.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    private static ReturnNoticeEvent Notice(string returnId, string deliveryId) => new()
    {
        Channel = "a",
        DeliveryId = deliveryId,
        OccurredAt = ModelFactory.Epoch,
        ReturnId = returnId,
    };

    [Fact]
    public async Task ReturnNoticeEvent_ProcessInbox_ReturnReadByIdAndExpectedOnceWithTheLaterPoll()
    {
        // Issue 17 item 5: Shopify's returns/request webhook names the return without its lines.
        using var h = new OrderFlowHarness();
        await SubmitAsync(h, ModelFactory.Order("a", "4", [("SKU-1", 1), ("gift-set", 2)]));
        h.Channel.PutReturn(new ReturnRequest("a", "R4", "4", [new ReturnLine("2", 1, "damaged")], h.Time.GetUtcNow().AddMinutes(-1)));

        var accepted = await h.Orders.AcceptAsync(Notice("R4", "rd-1"), Ct);
        var again = await h.Orders.AcceptAsync(Notice("R4", "rd-2"), Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);
        var poll = await h.Orders.PollReturnsAsync("a", Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal((InboxAcceptOutcome.Accepted, InboxAcceptOutcome.Duplicate), (accepted, again));
        Assert.Equal(1, pass.Completed);
        Assert.Equal(0, poll.Enqueued);
        var expected = Assert.Single(h.Warehouse.ExpectedReturns);
        Assert.Equal("R4", expected.ReturnId);
        Assert.Equal([("MUG", 1m), ("TEA", 2m)], expected.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [Fact]
    public async Task ReturnNoticeEvent_ReturnDeclinedBeforeProcessing_NothingExpectedNothingDeadLettered()
    {
        using var h = new OrderFlowHarness();
        await SubmitAsync(h, ModelFactory.Order("a", "5", [("SKU-1", 1)]));
        h.Channel.PutReturn(new ReturnRequest("a", "R5", "5", [new ReturnLine("1", 1)], ModelFactory.Epoch));
        h.Channel.CloseReturn("R5");

        await h.Orders.AcceptAsync(Notice("R5", "rd-1"), Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal((1, 0), (pass.Completed, pass.DeadLettered));
        Assert.Empty(h.Warehouse.ExpectedReturns);
    }

    [Fact]
    public async Task ReturnNoticeEvent_ReturnUnknownToTheChannel_DeadLetteredNamingIt()
    {
        using var h = new OrderFlowHarness();

        await h.Orders.AcceptAsync(Notice("R-missing", "rd-1"), Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        var letter = Assert.Single(await h.Store.ListDeadLettersAsync(null, Ct).ToListAsync(Ct));
        Assert.Contains("R-missing", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectorFlows.Returns, letter.Flow);
    }

    [Fact]
    public async Task PollReturns_ChannelReturnRequests_ExpectedOnceAcrossPolls()
    {
        using var h = new OrderFlowHarness();
        await SubmitAsync(h, ModelFactory.Order("a", "2", [("SKU-1", 2)]));
        h.Channel.PutReturn(new ReturnRequest("a", "R2", "2", [new ReturnLine("1", 1)], h.Time.GetUtcNow().AddMinutes(-1)));

        var first = await h.Orders.PollReturnsAsync("a", Ct);
        var second = await h.Orders.PollReturnsAsync("a", Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, first.Enqueued);
        Assert.Equal(0, second.Enqueued);
        Assert.Single(h.Warehouse.ExpectedReturns);
    }

    [Fact]
    public async Task PublishReturnReceipt_BundleReceived_ConfirmedOnChannelWithRestockNoRefundByDefault()
    {
        using var h = new OrderFlowHarness();
        await SubmitAsync(h, ModelFactory.Order("a", "3", [("gift-set", 2)]));
        var receipt = new ReturnReceipt("RC1", "a", "R3", "3", [new ReturnReceiptLine("MUG", 2m, true, "1"), new ReturnReceiptLine("TEA", 3m, true, "1")], ModelFactory.Epoch);

        Assert.True(await h.Fulfillment.PublishReturnReceiptAsync(receipt, Ct));
        Assert.False(await h.Fulfillment.PublishReturnReceiptAsync(receipt, Ct));
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        var confirmation = Assert.Single(h.Channel.ReturnConfirmations);
        Assert.Equal("R3", confirmation.ReturnId);
        Assert.Equal([("1", 1)], confirmation.Lines.Select(l => (l.LineId, l.Quantity))); // 3 TEA cover one whole set only
        Assert.True(confirmation.Restock);
        Assert.False(confirmation.Refund);
        Assert.Equal("RC1", confirmation.IdempotencyKey);
    }

    [Fact]
    public async Task PublishReturnReceipt_RefundPolicyWhenReceived_AsksChannelToRefund()
    {
        using var h = new OrderFlowHarness(o =>
        {
            o.Orders.RefundOnReturn = ReturnRefundPolicy.WhenReceived;
            o.Orders.RestockOnReturn = false;
        });
        await SubmitAsync(h, ModelFactory.Order("a", "4", [("SKU-1", 2)]));

        await h.Fulfillment.PublishReturnReceiptAsync(new ReturnReceipt("RC4", "a", "R4", "4", [new ReturnReceiptLine("SKU-1", 2m, true)], ModelFactory.Epoch), Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        var confirmation = Assert.Single(h.Channel.ReturnConfirmations);
        Assert.True(confirmation.Refund);
        Assert.False(confirmation.Restock);
        Assert.Equal([("1", 2)], confirmation.Lines.Select(l => (l.LineId, l.Quantity)));
    }
}

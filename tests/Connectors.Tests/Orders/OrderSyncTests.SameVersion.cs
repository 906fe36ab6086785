using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>
/// A change that keeps the order's version: a channel whose updated-at is coarse (WooCommerce: whole seconds) shows an
/// order paid in the same second as the version the engine held with the same updated-at (found by the chaos run: a
/// paid-later WooCommerce order never reached the WMS and its levels stayed off).
/// </summary>
public partial class OrderSyncTests
{
    [Fact]
    public async Task PollAndProcess_PaidWithoutANewVersion_ReleasedToTheWms()
    {
        using var h = new OrderFlowHarness();
        var version = h.Time.GetUtcNow().AddMinutes(-5);
        h.Channel.PutOrder(Order("1101", version, PaymentStatus.Pending));
        await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        Assert.Equal(OrderRecordStatus.Held, (await h.Store.GetOrderRecordAsync("a", "1101", Ct))!.Status);

        h.Channel.PutOrder(Order("1101", version, PaymentStatus.Paid)); // paid in the same second: updated-at unchanged
        var poll = await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, poll.Enqueued); // before: 0, the item id of the version existed already
        Assert.True(h.Warehouse.Orders.ContainsKey(("a", "1101")));
        Assert.Equal(OrderRecordStatus.Submitted, (await h.Store.GetOrderRecordAsync("a", "1101", Ct))!.Status);
        Assert.Equal([ReleaseDecision.Hold, ReleaseDecision.Release], h.Channel.Acknowledgements.Select(a => a.Decision));
        Assert.Empty(h.Oversell.Open);
    }

    [Fact]
    public async Task ProcessInbox_PaidContentQueuedBehindAnotherItemOfTheVersion_Released()
    {
        // The item with the paid content reached the inbox while the held one was not processed yet (webhook, then poll).
        using var h = new OrderFlowHarness();
        var version = h.Time.GetUtcNow().AddMinutes(-5);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1102", version, PaymentStatus.Pending), "d-1"), Ct);
        h.Channel.PutOrder(Order("1102", version, PaymentStatus.Paid));
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1102", version, PaymentStatus.Paid), "d-2"), Ct);

        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, h.Warehouse.SubmitCalls); // before: 0, the paid item was "seen already"
        Assert.Equal(OrderRecordStatus.Submitted, (await h.Store.GetOrderRecordAsync("a", "1102", Ct))!.Status);
    }

    [Fact]
    public async Task ProcessInbox_OlderContentOfTheVersionAfterTheNewer_ChannelDecidesNothingUndone()
    {
        // The reverse order: the paid content was processed first, the unpaid one of the same second comes late. The
        // channel's current order shows which is later; the late item changes nothing.
        using var h = new OrderFlowHarness();
        var version = h.Time.GetUtcNow().AddMinutes(-5);
        h.Channel.PutOrder(Order("1103", version, PaymentStatus.Paid));
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1103", version, PaymentStatus.Paid), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Order("1103", version, PaymentStatus.Pending), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, h.Warehouse.SubmitCalls);
        Assert.Empty(h.Warehouse.Cancelled);
        Assert.Equal(OrderRecordStatus.Submitted, (await h.Store.GetOrderRecordAsync("a", "1103", Ct))!.Status);
        Assert.Equal([ReleaseDecision.Release], h.Channel.Acknowledgements.Select(a => a.Decision));
        Assert.Empty(h.Oversell.Open);
    }
}

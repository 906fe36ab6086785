using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>
/// Issue 19 item 3: the first poll reads back <c>InitialPollWindow</c>, which holds orders shipped elsewhere or before the
/// connector was installed. Those must not reach the WMS, and the shop's history is left unmarked.
/// </summary>
public partial class OrderSyncTests
{
    private static ChannelOrder StateOrder(string id, DateTimeOffset at, ChannelOrderStatus status, FulfillmentStatus fulfillment, PaymentStatus payment = PaymentStatus.Paid) =>
        new(
            OrderFlowHarness.Name,
            id,
            "EUR",
            [new ChannelOrderLine("1", "SKU-1", 1, new Money(10m, "EUR"), "SKU-1")],
            at.AddHours(-1),
            at,
            status: status,
            paymentStatus: payment,
            fulfillmentStatus: fulfillment,
            shippingAddress: new Address
            {
                Name = "Ada",
                Line1 = "1 Analytical Way",
                City = "London",
                PostalCode = "N1 1AA",
                CountryCode = "GB",
            });

    [Fact]
    public async Task PollAsync_FirstRunWindowWithCompletedAndFulfilledOrders_ReleasesOnlyTheOpenOneAndMarksNothingElse()
    {
        using var h = new OrderFlowHarness(o => o.Orders.InitialPollWindow = TimeSpan.FromDays(2));
        var now = h.Time.GetUtcNow();
        h.Channel.PutOrder(StateOrder("completed", now.AddDays(-1), ChannelOrderStatus.Completed, FulfillmentStatus.Fulfilled));
        h.Channel.PutOrder(StateOrder("fulfilled-elsewhere", now.AddHours(-5), ChannelOrderStatus.Open, FulfillmentStatus.Fulfilled));
        h.Channel.PutOrder(StateOrder("part-shipped", now.AddHours(-4), ChannelOrderStatus.Open, FulfillmentStatus.PartiallyFulfilled));
        h.Channel.PutOrder(StateOrder("open", now.AddHours(-3), ChannelOrderStatus.Open, FulfillmentStatus.Unfulfilled));

        var poll = await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(now.AddDays(-2), poll.Since);
        Assert.Equal(4, poll.Enqueued);
        Assert.Equal(["open"], h.Warehouse.Orders.Values.Select(o => o.ChannelOrderId));
        Assert.Equal(OrderRecordStatus.Rejected, (await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, "completed", Ct))!.Status);
        Assert.Equal(OrderRecordStatus.Rejected, (await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, "fulfilled-elsewhere", Ct))!.Status);
        Assert.Equal(OrderRecordStatus.Held, (await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, "part-shipped", Ct))!.Status);

        // Only the open order (released) and the part-shipped one (held for a person) are marked on the shop.
        Assert.Equal(["open", "part-shipped"], h.Channel.Acknowledgements.Select(a => a.ChannelOrderId).Order(StringComparer.Ordinal));
    }

    // OnHold (Shopify fulfilment orders ON_HOLD, WooCommerce on-hold, Magento holded) is held by the default rules until
    // the channel lifts the hold; a payment that fails still rejects.
    [Fact]
    public async Task PollAsync_OrdersOnHoldOnTheChannel_HeldUntilTheHoldIsLiftedAFailedPaymentRejects()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        h.Channel.PutOrder(StateOrder("on-hold", now.AddHours(-3), ChannelOrderStatus.OnHold, FulfillmentStatus.Unfulfilled));
        h.Channel.PutOrder(StateOrder("failed", now.AddHours(-2), ChannelOrderStatus.OnHold, FulfillmentStatus.Unfulfilled, PaymentStatus.Failed));

        await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Empty(h.Warehouse.Orders);
        Assert.Equal(OrderRecordStatus.Held, (await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, "on-hold", Ct))!.Status);
        Assert.Equal(OrderRecordStatus.Rejected, (await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, "failed", Ct))!.Status);

        h.Channel.PutOrder(StateOrder("on-hold", now.AddHours(-1), ChannelOrderStatus.Open, FulfillmentStatus.Unfulfilled));
        await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(["on-hold"], h.Warehouse.Orders.Values.Select(o => o.ChannelOrderId));
    }
}

using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>Issue 19 item 2: an order the channel cannot read is dead-lettered with its payload; the poll goes on.</summary>
public partial class OrderSyncTests
{
    private static UnreadableOrder Unreadable(string id, DateTimeOffset? at) => new()
    {
        OrderId = id,
        Payload = $$"""{"id":{{id}},"line_items":[{"quantity":"2.5"}]}""",
        JsonPath = "$.line_items[0].quantity",
        Reason = "'2.5' is not a whole number.",
        UpdatedAt = at,
    };

    [Fact]
    public async Task PollAsync_ListingWithAnUnreadableOrder_DeadLettersItAndEnqueuesTheRestAndMovesTheCursorPastIt()
    {
        var channel = new UnreadableListingChannel(new FakeChannel(OrderFlowHarness.Name));
        using var h = new OrderFlowHarness(channel: channel);
        var now = h.Time.GetUtcNow();
        channel.Inner.PutOrder(Order("1", now.AddMinutes(-30)));
        channel.Inner.PutOrder(Order("3", now.AddMinutes(-20)));
        channel.Unreadable.Add(Unreadable("2", now.AddMinutes(-10)));

        var poll = await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal((3, 2, 1), (poll.Seen, poll.Enqueued, poll.DeadLettered));
        Assert.Equal(now.AddMinutes(-10), poll.Cursor);
        Assert.Equal(["1", "3"], h.Warehouse.Orders.Values.Select(o => o.ChannelOrderId).Order(StringComparer.Ordinal));
        var letter = Assert.Single(await h.DeadLetters.ListAsync(OrderFlowHarness.Name, ConnectorFlows.Orders, Ct).ToListAsync(Ct));
        Assert.Equal("unreadable-order", letter.Kind);
        Assert.Equal(nameof(UnreadableOrderException), letter.ErrorType);
        Assert.Equal(channel.Unreadable[0].Payload, letter.Payload);
        Assert.Contains("$.line_items[0].quantity", letter.Reason, StringComparison.Ordinal);
        Assert.Contains("order 2", letter.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PollAsync_SameUnreadableOrderReadAgain_OneDeadLetter_ACorrectedOrderIsReleased()
    {
        var channel = new UnreadableListingChannel(new FakeChannel(OrderFlowHarness.Name));
        using var h = new OrderFlowHarness(channel: channel);
        var now = h.Time.GetUtcNow();
        channel.Inner.PutOrder(Order("1", now.AddMinutes(-30)));
        channel.Unreadable.Add(Unreadable("2", null));

        var first = await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        var second = await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);

        // The shop fixes the order: it lists as readable from now on.
        channel.Unreadable.Clear();
        channel.Inner.PutOrder(Order("2", now.AddMinutes(-5)));
        await h.Orders.PollAsync(OrderFlowHarness.Name, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, first.DeadLettered);
        Assert.Equal(0, second.DeadLettered);
        Assert.Equal(now.AddMinutes(-30), first.Cursor); // an unreadable order without a date does not move the cursor
        Assert.Single(await h.DeadLetters.ListAsync(OrderFlowHarness.Name, null, Ct).ToListAsync(Ct));
        Assert.Equal(["1", "2"], h.Warehouse.Orders.Values.Select(o => o.ChannelOrderId).Order(StringComparer.Ordinal));
    }
}

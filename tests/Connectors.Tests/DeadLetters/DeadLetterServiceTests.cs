using Connectors.Testing;
using Connectors.Tests.Orders;

namespace Connectors.Tests.DeadLetters;

public class DeadLetterServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DeadLetter> DeadLetterAsync(OrderFlowHarness h, string orderId)
    {
        h.Catalogue.Unmap("GHOST");
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(ModelFactory.Order("a", orderId, [("GHOST", 1)]), "d-" + orderId), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        return Assert.Single(await h.DeadLetters.ListAsync(cancellationToken: Ct).ToListAsync(Ct), d => d.Id.Contains(orderId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_DeadLetter_HoldsPayloadReasonAttemptsAndTimes()
    {
        using var h = new OrderFlowHarness();
        var letter = await DeadLetterAsync(h, "1");

        var inspected = await h.DeadLetters.GetAsync(letter.Id, Ct);

        Assert.NotNull(inspected);
        Assert.Equal("a", inspected.Channel);
        Assert.Equal(ConnectorFlows.Orders, inspected.Flow);
        Assert.Equal(1, inspected.Attempts);
        Assert.Equal(h.Time.GetUtcNow(), inspected.DeadLetteredAt);
        Assert.Equal(WorkQueue.Inbox, inspected.SourceQueue);
        Assert.Contains("\"orderId\":\"1\"", inspected.Payload, StringComparison.Ordinal);
        Assert.Contains("GHOST", inspected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilterByChannelAndFlow_OnlyMatching()
    {
        using var h = new OrderFlowHarness();
        await DeadLetterAsync(h, "1");

        Assert.Single(await h.DeadLetters.ListAsync("a", ConnectorFlows.Orders, Ct).ToListAsync(Ct));
        Assert.Empty(await h.DeadLetters.ListAsync("a", ConnectorFlows.Fulfillment, Ct).ToListAsync(Ct));
        Assert.Empty(await h.DeadLetters.ListAsync("b", cancellationToken: Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Discard_DeadLetter_GoneAndNotReplayable()
    {
        using var h = new OrderFlowHarness();
        var letter = await DeadLetterAsync(h, "1");

        Assert.True(await h.DeadLetters.DiscardAsync(letter.Id, Ct));
        Assert.False(await h.DeadLetters.DiscardAsync(letter.Id, Ct));
        Assert.False(await h.DeadLetters.ReplayAsync(letter.Id, Ct));
        h.Catalogue.Map("GHOST");
        Assert.Equal(0, (await h.Orders.ProcessInboxAsync(Ct)).Claimed);
        Assert.Empty(h.Warehouse.Orders);
    }

    [Fact]
    public async Task Replay_CauseNotFixed_DeadLetteredAgain()
    {
        using var h = new OrderFlowHarness();
        var letter = await DeadLetterAsync(h, "1");

        Assert.True(await h.DeadLetters.ReplayAsync(letter.Id, Ct));
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        Assert.NotNull(await h.DeadLetters.GetAsync(letter.Id, Ct));
    }

    [Fact]
    public async Task Replay_WmsRefusalAfterWmsStateChanged_CancellationGoesThrough()
    {
        var warehouse = new SwitchableWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: warehouse);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(ModelFactory.Order("a", "2", [("SKU-1", 1)], updatedAt: ModelFactory.Epoch), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        warehouse.Refusal = "already picked";
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(ModelFactory.Order("a", "2", [("SKU-1", 1)], updatedAt: ModelFactory.Epoch.AddMinutes(1), status: ChannelOrderStatus.Cancelled), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        var exception = Assert.Single(await h.Orders.ListExceptionsAsync(cancellationToken: Ct).ToListAsync(Ct));

        warehouse.Refusal = null; // the WMS un-picked the order
        Assert.True(await h.DeadLetters.ReplayAsync(exception.DeadLetterId, Ct));
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.Completed);
        Assert.Equal(["a/2"], warehouse.Cancelled);
        Assert.Empty(await h.Orders.ListExceptionsAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(OrderRecordStatus.Cancelled, (await h.Store.GetOrderRecordAsync("a", "2", Ct))!.Status);
    }
}

using Connectors.Internal;
using Connectors.Testing;
using Connectors.Tests.Orders;

namespace Connectors.Tests.Fulfillment;

public class FulfillmentSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ChannelOrder> SubmittedOrderAsync(OrderFlowHarness h, string id, params (string, int)[] lines)
    {
        var order = ModelFactory.Order("a", id, lines);
        if (h.ChannelPort is FakeChannel fake)
        {
            fake.PutOrder(order);
        }

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-" + id), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        return order;
    }

    [Fact]
    public async Task PublishShipment_Twice_OneChannelFulfilment()
    {
        using var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "1", ("SKU-1", 2));
        var shipment = ModelFactory.Shipment("S1", "a", "1", [("SKU-1", 2m)]);

        var first = await h.Fulfillment.PublishShipmentAsync(shipment, Ct);
        var second = await h.Fulfillment.PublishShipmentAsync(shipment, Ct);
        var pass = await h.Fulfillment.ProcessOutboxAsync(Ct);
        var third = await h.Fulfillment.PublishShipmentAsync(shipment, Ct);
        var pass2 = await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.False(third);
        Assert.Equal(new WorkPassResult { Claimed = 1, Completed = 1, Retried = 0, DeadLettered = 0 }, pass);
        Assert.Equal(0, pass2.Claimed);
        Assert.Equal(1, h.Channel.FulfillmentCalls);
        var fulfilment = Assert.Single(h.Channel.Fulfillments);
        Assert.Equal("S1", fulfilment.IdempotencyKey);
        Assert.Equal(("1", 2), (fulfilment.Lines[0].LineId, fulfilment.Lines[0].Quantity));
        Assert.Equal("1ZS1", Assert.Single(fulfilment.Tracking).Number);
    }

    [Fact]
    public async Task ProcessOutbox_BundleSplitOverTwoParcels_OneFulfilmentPerParcelInSellingUnits()
    {
        using var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "2", ("SKU-1", 1), ("gift-set", 2));

        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("P1", "a", "2", [("MUG", 1m), ("TEA", 2m), ("SKU-1", 1m)]), Ct);
        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("P2", "a", "2", [("MUG", 1m), ("TEA", 2m)]), Ct);
        var pass = await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal(2, pass.Completed);
        var byKey = h.Channel.Fulfillments.ToDictionary(f => f.IdempotencyKey!);
        Assert.Equal([("1", 1), ("2", 1)], byKey["P1"].Lines.Select(l => (l.LineId, l.Quantity)).OrderBy(l => l.LineId, StringComparer.Ordinal));
        Assert.Equal([("2", 1)], byKey["P2"].Lines.Select(l => (l.LineId, l.Quantity)));
    }

    [Fact]
    public async Task ProcessOutbox_ParcelWithIncompleteBundle_DeadLetteredAsMapping()
    {
        using var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "3", ("gift-set", 1));

        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("P1", "a", "3", [("MUG", 1m)]), Ct);
        var pass = await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        var letter = Assert.Single(await h.DeadLetters.ListAsync(flow: ConnectorFlows.Fulfillment, cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal("mapping", letter.ErrorType);
        Assert.Empty(h.Channel.Fulfillments);
    }

    [Fact]
    public async Task ProcessOutbox_TransientChannelFailure_RetriedThenSentOnce()
    {
        using var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "4", ("SKU-1", 1));
        h.Channel.FailNextFulfillments(1);
        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S4", "a", "4", [("SKU-1", 1m)]), Ct);

        var first = await h.Fulfillment.ProcessOutboxAsync(Ct);
        var early = await h.Fulfillment.ProcessOutboxAsync(Ct);
        h.PassRetryDelay();
        var second = await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal(1, first.Retried);
        Assert.Equal(0, early.Claimed);
        Assert.Equal(1, second.Completed);
        Assert.Single(h.Channel.Fulfillments);
    }

    [Fact]
    public async Task ProcessOutbox_AnswerLostThenRestart_NonIdempotentChannelGetsShipmentOnce()
    {
        var orders = new FakeChannel("a");
        var lossy = new LossyFulfillmentChannel(orders);
        var h = new OrderFlowHarness(channel: lossy);
        var order = ModelFactory.Order("a", "5", [("SKU-1", 3)]);
        orders.PutOrder(order);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-5"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        lossy.LoseNextAnswers(1);
        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S5", "a", "5", [("SKU-1", 3m)]), Ct);

        var beforeCrash = await h.Fulfillment.ProcessOutboxAsync(Ct);
        using var restarted = h.Restart();
        restarted.PassRetryDelay();
        var afterRestart = await restarted.Fulfillment.ProcessOutboxAsync(Ct);
        restarted.PassRetryDelay();
        var later = await restarted.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal(1, beforeCrash.Retried);
        Assert.Equal(1, afterRestart.Completed);
        Assert.Equal(0, later.Claimed);
        Assert.Single(lossy.Created);
    }

    [Theory]
    [InlineData("WH-HAMBURG", "gid://shopify/Location/2")]
    [InlineData("WH-UNMAPPED", null)]
    public async Task ProcessOutbox_ShipmentFromAWarehouse_NamesTheChannelLocationOfTheInventoryMapping(string warehouse, string? expected)
    {
        // The WMS → channel location mapping of the inventory flow also says where a shipment left from (issue 17 item 1).
        var orders = new FakeChannel("a");
        var channel = new LossyFulfillmentChannel(orders);
        var h = new OrderFlowHarness(
            o =>
            {
                var settings = new Connectors.Inventory.ChannelInventoryOptions();
                settings.Locations.Add(new Connectors.Inventory.InventoryLocationMapping { WarehouseLocation = "WH-BERLIN", ChannelLocation = "gid://shopify/Location/1" });
                settings.Locations.Add(new Connectors.Inventory.InventoryLocationMapping { WarehouseLocation = "WH-HAMBURG", ChannelLocation = "gid://shopify/Location/2" });
                o.Inventory.Channels["a"] = settings;
            },
            channel: channel);
        var order = ModelFactory.Order("a", "7", [("SKU-1", 1)]);
        orders.PutOrder(order);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-7"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S7", "a", "7", [("SKU-1", 1m)]) with { WarehouseLocation = warehouse }, Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        var request = Assert.Single(channel.Requests);
        Assert.Equal(expected is null ? [] : [expected], request.ChannelLocationIds);
    }

    [Fact]
    public async Task ProcessOutbox_ShipmentFromAWarehouseWithoutMapping_UsesTheWarehouseLocationAsTheChannelsOwn()
    {
        var orders = new FakeChannel("a");
        var channel = new LossyFulfillmentChannel(orders);
        var h = new OrderFlowHarness(channel: channel);
        var order = ModelFactory.Order("a", "8", [("SKU-1", 1)]);
        orders.PutOrder(order);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(order, "d-8"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S8", "a", "8", [("SKU-1", 1m)]) with { WarehouseLocation = "gid://shopify/Location/9" }, Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal(["gid://shopify/Location/9"], Assert.Single(channel.Requests).ChannelLocationIds);
    }

    [Fact]
    public async Task ProcessOutbox_RestartWithShipmentsInOutbox_EachSentOnce()
    {
        var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "6", ("SKU-1", 2));
        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S6a", "a", "6", [("SKU-1", 1m)]), Ct);
        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S6b", "a", "6", [("SKU-1", 1m)]), Ct);

        using var restarted = h.Restart();
        await restarted.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S6a", "a", "6", [("SKU-1", 1m)]), Ct);
        var pass = await restarted.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal(2, pass.Completed);
        Assert.Equal(["S6a", "S6b"], restarted.Channel.Fulfillments.Select(f => f.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ProcessOutbox_ShipmentOfOrderEngineNeverSaw_FetchesOrderFromChannel()
    {
        using var h = new OrderFlowHarness();
        h.Channel.PutOrder(ModelFactory.Order("a", "7", [("SKU-1", 1)]));

        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S7", "a", "7", [("SKU-1", 1m)]), Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Equal("7", Assert.Single(h.Channel.Fulfillments).ChannelOrderId);
    }

    [Fact]
    public async Task PublishTrackingUpdate_AfterShipment_ChannelTrackingReplaced()
    {
        using var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "8", ("SKU-1", 1));
        await h.Fulfillment.PublishTrackingUpdateAsync("a", "8", "S8", [new TrackingInfo("NEW1", new Uri("https://t.example/NEW1"), "DHL")], Ct);

        // The update waits for its shipment.
        var early = await h.Fulfillment.ProcessOutboxAsync(Ct);
        await h.Fulfillment.PublishShipmentAsync(ModelFactory.Shipment("S8", "a", "8", [("SKU-1", 1m)]), Ct);
        h.PassRetryDelay();
        await h.Fulfillment.ProcessOutboxAsync(Ct);
        h.PassRetryDelay();
        await h.Fulfillment.ProcessOutboxAsync(Ct);
        var duplicate = await h.Fulfillment.PublishTrackingUpdateAsync("a", "8", "S8", [new TrackingInfo("NEW1", new Uri("https://t.example/NEW1"), "DHL")], Ct);

        Assert.Equal(1, early.Retried);
        Assert.False(duplicate);
        Assert.Equal("NEW1", Assert.Single(Assert.Single(h.Channel.Fulfillments).Tracking).Number);
    }

    [Fact]
    public async Task ConnectorEvents_PublishShipment_ReachesOutbox()
    {
        using var h = new OrderFlowHarness();
        await SubmittedOrderAsync(h, "9", ("SKU-1", 1));
        var events = new ConnectorEvents(new NullStockLevelSink(), (IOutboundEventSink)h.Fulfillment);

        await events.PublishShipmentAsync(ModelFactory.Shipment("S9", "a", "9", [("SKU-1", 1m)]), Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        Assert.Single(h.Channel.Fulfillments);
    }

    private sealed class NullStockLevelSink : IStockLevelSink
    {
        public Task AcceptStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using Connectors.Testing;
using Connectors.Tests.DeadLetters;

namespace Connectors.Tests.Orders;

/// <summary>Channels that wait for the WMS's answer (<see cref="IWarehouseAnswerChannel"/>) hear it from the engine.</summary>
public partial class OrderSyncTests
{
    private static ChannelOrder Version(string id, int minute, ChannelOrderStatus status = ChannelOrderStatus.Open) =>
        ModelFactory.Order(OrderFlowHarness.Name, id, [("SKU-1", 1)], updatedAt: ModelFactory.Epoch.AddMinutes(minute), status: status);

    [Fact]
    public async Task ProcessInbox_WmsRefusesSubmission_ChannelHearsTheRefusalBeforeTheDeadLetter()
    {
        var warehouse = new SwitchableWarehouse { SubmitRefusal = "unknown SKU SKU-1" };
        using var h = new OrderFlowHarness(warehouseOrders: warehouse);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Version("3001", 1), "d-1"), Ct);

        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        Assert.Equal([("3001", "unknown SKU SKU-1")], h.Channel.RefusalReports);
        Assert.Empty(h.Channel.Acknowledgements);
    }

    [Fact]
    public async Task ProcessInbox_CancellationAcceptedByWms_ChannelHearsCancelled()
    {
        var warehouse = new SwitchableWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: warehouse);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Version("3002", 1), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Version("3002", 2, ChannelOrderStatus.Cancelled), "d-2"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(["a/3002"], warehouse.Cancelled);
        var (orderId, cancelled, _) = Assert.Single(h.Channel.CancellationReports);
        Assert.Equal(("3002", true), (orderId, cancelled));
    }

    [Fact]
    public async Task ProcessInbox_CancellationRefusedByWms_ChannelHearsTheReason()
    {
        var warehouse = new SwitchableWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: warehouse);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Version("3003", 1), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        warehouse.Refusal = "already picked";

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Version("3003", 2, ChannelOrderStatus.Cancelled), "d-2"), Ct);
        var pass = await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(1, pass.DeadLettered);
        Assert.Equal([("3003", false, "already picked")], h.Channel.CancellationReports);
    }

    [Fact]
    public async Task ProcessInbox_CancelledBeforeRelease_ChannelHearsCancelledWithoutWmsCall()
    {
        var warehouse = new SwitchableWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: warehouse);

        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(Version("3004", 1, ChannelOrderStatus.Cancelled), "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Empty(warehouse.Cancelled);
        var (orderId, cancelled, _) = Assert.Single(h.Channel.CancellationReports);
        Assert.Equal(("3004", true), (orderId, cancelled));
    }
}

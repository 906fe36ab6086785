using Connectors.Testing;
using Connectors.Tests.Orders;

namespace Connectors.Tests.Reconciliation;

/// <summary>Issue 19 item 2: one order the channel cannot read does not stop reconciliation of the others.</summary>
public partial class ReconcilerTests
{
    private static UnreadableOrder UnreadableOrder(string id, DateTimeOffset at) => new()
    {
        OrderId = id,
        Payload = $$$"""{"id":"{{{id}}}","lineItems":{"nodes":[{"quantity":"2.5"}]}}""",
        JsonPath = "$.lineItems.nodes[0].quantity",
        Reason = "The JSON value could not be converted to System.Int32.",
        UpdatedAt = at,
    };

    [Fact]
    public async Task Reconcile_ChannelListsAnUnreadableOrder_ReportsItAndStillPullsInTheMissedOrderAfterIt()
    {
        var channel = new UnreadableListingChannel(new FakeChannel(OrderFlowHarness.Name));
        using var h = new OrderFlowHarness(channel: channel);
        var now = h.Time.GetUtcNow();
        channel.Inner.PutOrder(ModelFactory.Order("a", "1", [("SKU-1", 1)], updatedAt: now.AddHours(-3)));
        channel.Inner.PutOrder(ModelFactory.Order("a", "3", [("SKU-1", 1)], updatedAt: now.AddHours(-1)));
        channel.Unreadable.Add(UnreadableOrder("2", now.AddHours(-2)));

        var dry = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { DryRun = true, Inventory = false }, Ct);
        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        var again = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(3, report.OrdersChecked);
        Assert.Equal(
            [(ReconciliationDifferenceKind.MissedOrder, "1", true), (ReconciliationDifferenceKind.UnreadableOrder, "2", true), (ReconciliationDifferenceKind.MissedOrder, "3", true)],
            report.Differences.Select(d => (d.Kind, d.Key, d.Repaired)));
        Assert.Contains("$.lineItems.nodes[0].quantity", report.Differences[1].Description, StringComparison.Ordinal);
        Assert.All(dry.Differences, d => Assert.False(d.Repaired));
        Assert.Equal(["1", "3"], h.Warehouse.Orders.Values.Select(o => o.ChannelOrderId).Order(StringComparer.Ordinal));

        // The dry run stored nothing; the repair stored the order with its payload once, however often it is seen.
        var letter = Assert.Single(await h.DeadLetters.ListAsync(OrderFlowHarness.Name, ConnectorFlows.Orders, Ct).ToListAsync(Ct));
        Assert.Equal(nameof(UnreadableOrderException), letter.ErrorType);
        Assert.Equal(channel.Unreadable[0].Payload, letter.Payload);
        Assert.Equal(ReconciliationDifferenceKind.UnreadableOrder, Assert.Single(again.Differences, d => d.Kind == ReconciliationDifferenceKind.UnreadableOrder).Kind);
    }
}

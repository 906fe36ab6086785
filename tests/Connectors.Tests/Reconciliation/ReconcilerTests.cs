using Connectors.Testing;
using Connectors.Tests.Orders;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Connectors.Tests.Reconciliation;

public partial class ReconcilerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Three items pushed and acknowledged at 5; then someone edits two of them on the channel by hand.</summary>
    private static async Task SeedInventoryWithDriftAsync(OrderFlowHarness h)
    {
        var now = h.Time.GetUtcNow();
        var keys = new[] { "A", "B", "C" }.Select(i => new InventoryKey("a", i, InventoryTarget.DefaultLocation)).ToArray();
        await h.Store.SetDesiredInventoryAsync([.. keys.Select(k => new DesiredInventory
        {
            Key = k,
            Quantity = 5,
            Sku = k.ChannelItemId,
        })], now, Ct);
        await h.Store.AcknowledgeInventoryAsync([.. keys.Select(k => new InventoryAcknowledgement(k, 5))], Ct);
        h.Channel.SetLevel("A", InventoryTarget.DefaultLocation, 5);
        h.Channel.SetLevel("B", InventoryTarget.DefaultLocation, 9); // drift
        // C: never shows on the channel (deleted level)
    }

    [Fact]
    public async Task Reconcile_DryRun_ReportsDriftWithoutRepairing()
    {
        using var h = new OrderFlowHarness();
        await SeedInventoryWithDriftAsync(h);

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { DryRun = true, Orders = false }, Ct);

        Assert.True(report.DryRun);
        Assert.Equal(3, report.InventoryChecked);
        Assert.Equal(
            [(ReconciliationDifferenceKind.InventoryDrift, "B@default", "5", "9"), (ReconciliationDifferenceKind.InventoryMissingOnChannel, "C@default", "5", null)],
            report.Differences.Select(d => (d.Kind, d.Key, d.Expected, d.Actual)).OrderBy(d => d.Key, StringComparer.Ordinal));
        Assert.All(report.Differences, d => Assert.False(d.Repaired));
        Assert.Empty(await h.Store.ListInventoryAsync("a", pendingOnly: true, Ct).ToListAsync(Ct));
        Assert.Contains("InventoryDrift B@default: expected 5, actual 9", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconcile_Repair_DriftedRowsBecomePendingAndDriftIsMeasured()
    {
        using var h = new OrderFlowHarness();
        using var drift = new MetricCollector<long>(h.MeterFactory, ConnectorsTelemetry.Name, "connectors.reconciliation.drift");
        await SeedInventoryWithDriftAsync(h);

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Orders = false }, Ct);
        var pending = await h.Store.ListInventoryAsync("a", pendingOnly: true, Ct).ToListAsync(Ct);

        Assert.Equal(2, report.RepairedCount);
        Assert.Equal(
            [("B", 5, (int?)9), ("C", 5, (int?)0)],
            pending.Select(r => (r.Key.ChannelItemId, r.Desired, r.Acknowledged)));
        Assert.Equal(2, drift.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(1, report.CountByKind()[ReconciliationDifferenceKind.InventoryDrift]);

        // Once the dispatcher has re-pushed (simulated), a second run is clean.
        foreach (var row in pending)
        {
            h.Channel.SetLevel(row.Key.ChannelItemId, row.Key.LocationId, row.Desired);
        }

        await h.Store.AcknowledgeInventoryAsync([.. pending.Select(r => new InventoryAcknowledgement(r.Key, r.Desired))], Ct);
        Assert.True((await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Orders = false }, Ct)).IsClean);
    }

    [Fact]
    public async Task Reconcile_OrderNoWebhookOrPollDelivered_PulledIntoInboxAndSubmitted()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        var seen = ModelFactory.Order("a", "1", [("SKU-1", 1)], updatedAt: now.AddHours(-3));
        var missed = ModelFactory.Order("a", "2", [("SKU-1", 1)], updatedAt: now.AddHours(-2));
        h.Channel.PutOrder(seen);
        h.Channel.PutOrder(missed);
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(seen, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        var dry = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { DryRun = true, Inventory = false }, Ct);
        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        var after = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);

        Assert.Equal(2, dry.OrdersChecked);
        Assert.Equal((ReconciliationDifferenceKind.MissedOrder, "2", false), dry.Differences.Select(d => (d.Kind, d.Key, d.Repaired)).Single());
        Assert.Equal((ReconciliationDifferenceKind.MissedOrder, "2", true), report.Differences.Select(d => (d.Kind, d.Key, d.Repaired)).Single());
        Assert.True(h.Warehouse.Orders.ContainsKey(("a", "2")));
        Assert.True(after.IsClean);
    }

    [Fact]
    public async Task Reconcile_NewerVersionNeverDelivered_ReportedAsMissedUpdate()
    {
        using var h = new OrderFlowHarness();
        var now = h.Time.GetUtcNow();
        var v1 = ModelFactory.Order("a", "3", [("SKU-1", 1)], updatedAt: now.AddHours(-3));
        await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(v1, "d-1"), Ct);
        await h.Orders.ProcessInboxAsync(Ct);
        h.Channel.PutOrder(ModelFactory.Order("a", "3", [("SKU-1", 4)], updatedAt: now.AddHours(-1)));

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, Ct);
        await h.Orders.ProcessInboxAsync(Ct);

        Assert.Equal(ReconciliationDifferenceKind.MissedOrderUpdate, Assert.Single(report.Differences).Kind);
        Assert.Equal(4m, h.Warehouse.Orders[("a", "3")].Lines[0].Quantity);
    }

    [Fact]
    public async Task Reconcile_ShipmentWmsConfirmedButChannelLacks_ResentOnce()
    {
        using var h = new OrderFlowHarness();
        var order = ModelFactory.Order("a", "4", [("SKU-1", 2)]);
        h.Channel.PutOrder(order);
        var sent = ModelFactory.Shipment("S1", "a", "4", [("SKU-1", 1m)]);
        var lost = ModelFactory.Shipment("S2", "a", "4", [("SKU-1", 1m)]);
        await h.Fulfillment.PublishShipmentAsync(sent, Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        var request = new ReconciliationRequest("a") { Inventory = false, Orders = false, Shipments = [sent, lost] };
        var report = await h.Reconciler.ReconcileAsync(request, Ct);
        var again = await h.Reconciler.ReconcileAsync(request, Ct); // S2 is pending in the outbox now: not a difference
        await h.Fulfillment.ProcessOutboxAsync(Ct);
        var after = await h.Reconciler.ReconcileAsync(request, Ct);

        Assert.Equal(2, report.ShipmentsChecked);
        Assert.Equal((ReconciliationDifferenceKind.ShipmentMissingOnChannel, "S2", true), report.Differences.Select(d => (d.Kind, d.Key, d.Repaired)).Single());
        Assert.True(again.IsClean);
        Assert.True(after.IsClean);
        Assert.Equal(["S1", "S2"], h.Channel.Fulfillments.Select(f => f.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reconcile_ShipmentDeadLettered_ClassifiedNotResent()
    {
        using var h = new OrderFlowHarness();
        h.Channel.PutOrder(ModelFactory.Order("a", "5", [("gift-set", 1)]));
        var broken = ModelFactory.Shipment("S5", "a", "5", [("MUG", 1m)]); // half a bundle: mapping error
        await h.Fulfillment.PublishShipmentAsync(broken, Ct);
        await h.Fulfillment.ProcessOutboxAsync(Ct);

        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false, Orders = false, Shipments = [broken] }, Ct);

        var difference = Assert.Single(report.Differences);
        Assert.Equal(ReconciliationDifferenceKind.ShipmentDeadLettered, difference.Kind);
        Assert.False(difference.Repaired);
    }

    [Fact]
    public async Task Reconcile_UnknownChannel_Throws()
    {
        using var h = new OrderFlowHarness();

        await Assert.ThrowsAsync<ConnectorException>(() => h.Reconciler.ReconcileAsync(new ReconciliationRequest("zz"), Ct));
    }
}

using Connectors.Orders.Internal;

namespace Connectors.Tests.Inventory;

/// <summary>Oversell windows that must not leak: dead-lettered and discarded orders, the time-to-live, reconciliation.</summary>
public partial class InventoryEngineTests
{
    /// <summary>An order record on channel "a" as the reservation tests store them.</summary>
    private static OrderRecord Record(string orderId, OrderRecordStatus status, DateTimeOffset at, string? warehouseReference = null) => new()
    {
        Channel = "a",
        OrderId = orderId,
        Version = at,
        Status = status,
        WarehouseReference = warehouseReference,
        Payload = null,
        UpdatedAt = at,
    };

    [Fact]
    public async Task ProcessInbox_OrderDeadLetteredAfterTransientFailures_WindowClosedAndOtherChannelBackToFull()
    {
        using var h = new OrderInventoryHarness();
        await h.Events.PublishStockLevelsAsync([new StockLevel("SKU-1", "wh1", 10)], OrderInventoryHarness.Ct);
        await h.PlaceAsync(h.A, "1001", ("SKU-1", 4));
        h.Warehouse.FailNextSubmits(100);

        await h.Orders.ProcessInboxAsync(OrderInventoryHarness.Ct);
        Assert.Equal(6, await h.DesiredAsync(h.B, "SKU-1")); // the window is open while the WMS is retried
        for (var i = 0; i < 5; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(11));
            await h.Orders.ProcessInboxAsync(OrderInventoryHarness.Ct);
        }

        var letter = Assert.Single(await ToListAsync(h.DeadLetters.ListAsync("a", ConnectorFlows.Orders, OrderInventoryHarness.Ct)));
        Assert.Contains("gave up after 3 attempts", letter.Reason, StringComparison.Ordinal);
        Assert.Empty(await h.ReservationsAsync());
        Assert.Equal(10, await h.DesiredAsync(h.B, "SKU-1"));
        Assert.Equal(10, await h.DesiredAsync(h.A, "SKU-1"));
    }

    [Fact]
    public async Task DiscardAsync_OrderDeadLetterWithWindowStillOpen_ClosesWindow()
    {
        using var h = new OrderInventoryHarness();
        await h.Events.PublishStockLevelsAsync([new StockLevel("SKU-1", "wh1", 10)], OrderInventoryHarness.Ct);

        // A dead letter stored before windows were ended on dead-lettering: the item is dead, its window open.
        var order = await h.PlaceAsync(h.A, "1002", ("SKU-1", 3));
        var id = WorkKinds.OrderVersionId(order);
        await h.Window.OpenAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "1002",
            Quantities = [new ReservedQuantity("SKU-1", 3m)],
            CreatedAt = h.Time.GetUtcNow(),
        }, OrderInventoryHarness.Ct);
        await h.Store.ClaimAsync(WorkQueue.Inbox, 10, h.Time.GetUtcNow(), TimeSpan.FromMinutes(1), cancellationToken: OrderInventoryHarness.Ct);
        await h.Store.MoveToDeadLetterAsync(WorkQueue.Inbox, id, ConnectorFlows.Orders, "mapping", "mapping", h.Time.GetUtcNow(), OrderInventoryHarness.Ct);
        Assert.Equal(7, await h.DesiredAsync(h.B, "SKU-1"));

        Assert.True(await h.DeadLetters.DiscardAsync(id, OrderInventoryHarness.Ct));

        Assert.Empty(await h.ReservationsAsync());
        Assert.Equal(10, await h.DesiredAsync(h.B, "SKU-1"));
    }

    [Fact]
    public async Task DispatchAsync_WindowOlderThanTimeToLive_ExpiresWithMetric()
    {
        using var h = new OrderInventoryHarness(o => o.Inventory.ReservationTimeToLive = TimeSpan.FromMinutes(10));
        using var expired = h.Collect("connectors.inventory.reservations_expired");
        await h.Events.PublishStockLevelsAsync([new StockLevel("SKU-1", "wh1", 10)], OrderInventoryHarness.Ct);
        await h.Window.OpenAsync(new PendingReservation
        {
            Channel = "a",
            OrderId = "held-1",
            Quantities = [new ReservedQuantity("SKU-1", 2m)],
            CreatedAt = h.Time.GetUtcNow(),
        }, OrderInventoryHarness.Ct);
        h.Time.Advance(TimeSpan.FromMinutes(9));
        await h.Inventory.DispatchAsync("b", OrderInventoryHarness.Ct);
        Assert.Equal(8, h.B.GetLevel("SKU-1"));

        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.Inventory.DispatchAsync("b", OrderInventoryHarness.Ct);

        Assert.Empty(await h.ReservationsAsync());
        Assert.Equal(10, h.B.GetLevel("SKU-1"));
        var measurement = Assert.Single(expired.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("a", measurement.Tags[ConnectorsTelemetry.ChannelTag]);
    }

    [Fact]
    public async Task Reconcile_OpenWindowsComparedWithOrderRecords_OrphansReportedAndClosed()
    {
        using var h = new OrderInventoryHarness();
        h.Warehouse.SetStock(new StockLevel("SKU-1", "wh1", 20, reserved: 2)); // the WMS holds the accepted order's 2 units
        await h.Events.PublishStockLevelsAsync([new StockLevel("SKU-1", "wh1", 20)], OrderInventoryHarness.Ct);
        var now = h.Time.GetUtcNow();
        foreach (var (orderId, units) in new[] { ("accepted", 2m), ("cancelled", 1m), ("held", 3m), ("in-flight", 1m), ("dead", 4m) })
        {
            await h.Window.OpenAsync(new PendingReservation
            {
                Channel = "a",
                OrderId = orderId,
                Quantities = [new ReservedQuantity("SKU-1", units)],
                CreatedAt = now,
            }, OrderInventoryHarness.Ct);
        }

        await h.Store.UpsertOrderRecordAsync(Record("accepted", OrderRecordStatus.Submitted, now, "WMS-1"), OrderInventoryHarness.Ct);
        await h.Store.UpsertOrderRecordAsync(Record("cancelled", OrderRecordStatus.Cancelled, now), OrderInventoryHarness.Ct);
        await h.Store.UpsertOrderRecordAsync(Record("held", OrderRecordStatus.Held, now), OrderInventoryHarness.Ct);
        var dead = await h.PlaceAsync(h.A, "dead", ("SKU-1", 4));
        await h.Store.ClaimAsync(WorkQueue.Inbox, 10, now, TimeSpan.FromMinutes(1), cancellationToken: OrderInventoryHarness.Ct);
        await h.Store.MoveToDeadLetterAsync(WorkQueue.Inbox, WorkKinds.OrderVersionId(dead), ConnectorFlows.Orders, "x", "mapping", now, OrderInventoryHarness.Ct);
        Assert.Equal(9, await h.DesiredAsync(h.B, "SKU-1")); // 20 - 11 held back

        var dryRun = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false, DryRun = true }, OrderInventoryHarness.Ct);
        var report = await h.Reconciler.ReconcileAsync(new ReconciliationRequest("a") { Inventory = false }, OrderInventoryHarness.Ct);

        string[] orphans = ["accepted", "cancelled", "dead"];
        Assert.Equal(orphans, dryRun.Differences.Where(d => d.Kind == ReconciliationDifferenceKind.OrphanedReservation).Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(dryRun.Differences, d => Assert.False(d.Repaired));
        var repaired = report.Differences.Where(d => d.Kind == ReconciliationDifferenceKind.OrphanedReservation).ToList();
        Assert.Equal(orphans, repaired.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(repaired, d => Assert.True(d.Repaired));
        Assert.Equal(["held", "in-flight"], (await h.ReservationsAsync()).Select(r => r.OrderId).Order(StringComparer.Ordinal));

        // The accepted order's units were re-read from the WMS (18 free), not given back: 18 - 4 still held back.
        Assert.Equal(14, await h.DesiredAsync(h.B, "SKU-1"));
    }
}

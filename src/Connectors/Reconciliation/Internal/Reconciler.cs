using System.Globalization;
using Connectors.Fulfillment.Internal;
using Connectors.Orders.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Reconciliation.Internal;

/// <summary>Finds, classifies and repairs differences between a channel and the engine's truth. See <see cref="IReconciler"/>.</summary>
internal sealed class Reconciler : IReconciler
{
    private readonly ISyncStateStore _store;
    private readonly IChannelRegistry _channels;
    private readonly OrderSync _orders;
    private readonly FulfillmentSync _fulfillment;
    private readonly TimeProvider _time;
    private readonly IOptions<ConnectorsOptions> _options;
    private readonly ConnectorsMetrics _metrics;
    private readonly ILogger _logger;

    public Reconciler(
        ISyncStateStore store,
        IChannelRegistry channels,
        OrderSync orders,
        FulfillmentSync fulfillment,
        TimeProvider time,
        IOptions<ConnectorsOptions> options,
        ConnectorsMetrics metrics,
        ILogger<Reconciler>? logger = null)
    {
        _store = store;
        _channels = channels;
        _orders = orders;
        _fulfillment = fulfillment;
        _time = time;
        _options = options;
        _metrics = metrics;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<ReconciliationReport> ReconcileAsync(ReconciliationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var channel = request.Channel;
        _channels.GetChannel(channel); // fails clearly for an unknown name
        var started = _time.GetUtcNow();
        var differences = new List<ReconciliationDifference>();
        var skipped = new List<string>();
        var policy = _options.Value.Orders;
        int inventoryChecked = 0, ordersChecked = 0, shipmentsChecked = 0;

        if (request.Inventory)
        {
            if (_channels.TryGetPort<IInventoryChannel>(channel, out var inventory))
            {
                inventoryChecked = await CheckInventoryAsync(channel, inventory, !request.DryRun && policy.RepairInventoryDrift, differences, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                skipped.Add($"inventory: channel '{channel}' has no inventory port");
            }
        }

        if (request.Orders)
        {
            if (_channels.TryGetPort<IOrderChannel>(channel, out var orders))
            {
                var until = request.Until ?? started;
                var since = request.Since ?? (until - policy.ReconciliationWindow);
                ordersChecked = await CheckOrdersAsync(channel, orders, since, until, !request.DryRun && policy.RepairMissedOrders, differences, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                skipped.Add($"orders: channel '{channel}' has no order port");
            }
        }

        var shipments = request.Shipments.Where(s => string.Equals(s.Channel, channel, StringComparison.Ordinal)).ToList();
        if (shipments.Count > 0)
        {
            if (_channels.TryGetPort<IFulfillmentChannel>(channel, out var fulfillments))
            {
                shipmentsChecked = await CheckShipmentsAsync(fulfillments, shipments, !request.DryRun && policy.RepairMissingShipments, differences, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                skipped.Add($"shipments: channel '{channel}' has no fulfilment port");
            }
        }

        foreach (var difference in differences)
        {
            var flow = difference.Kind switch
            {
                ReconciliationDifferenceKind.InventoryDrift or ReconciliationDifferenceKind.InventoryMissingOnChannel => ConnectorFlows.Inventory,
                ReconciliationDifferenceKind.MissedOrder or ReconciliationDifferenceKind.MissedOrderUpdate => ConnectorFlows.Orders,
                _ => ConnectorFlows.Fulfillment,
            };
            _metrics.Drift.Add(1, ConnectorsMetrics.Flow(flow), ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome(difference.Kind.ToString()));
        }

        var report = new ReconciliationReport(channel, request.DryRun, started, _time.GetUtcNow(), inventoryChecked, ordersChecked, shipmentsChecked, differences, skipped);
        Log.Reconciled(_logger, channel, request.DryRun, differences.Count, report.RepairedCount);
        return report;
    }

    private async Task<int> CheckInventoryAsync(string channel, IInventoryChannel port, bool repair, List<ReconciliationDifference> differences, CancellationToken cancellationToken)
    {
        // Only rows the engine believes are on the channel: acknowledged and not waiting to be pushed.
        var rows = new Dictionary<(string Item, string Location), InventoryRow>();
        await foreach (var row in _store.ListInventoryAsync(channel, pendingOnly: false, cancellationToken).ConfigureAwait(false))
        {
            if (row is { IsPending: false, Acknowledged: not null })
            {
                rows[(row.Key.ChannelItemId, row.Key.LocationId)] = row;
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        var actual = new Dictionary<(string Item, string Location), int>();
        var ids = rows.Keys.Select(k => k.Item).Distinct(StringComparer.Ordinal).ToArray();
        await foreach (var level in port.ReadInventoryAsync(ids, cancellationToken).ConfigureAwait(false))
        {
            actual[(level.ChannelItemId, level.LocationId)] = level.Available;
        }

        var repairs = new List<InventoryAcknowledgement>();
        foreach (var ((item, location), row) in rows)
        {
            var expected = row.Desired;
            var key = $"{item}@{location}";
            if (actual.TryGetValue((item, location), out var shown))
            {
                if (shown == expected)
                {
                    continue;
                }

                differences.Add(new ReconciliationDifference(
                    ReconciliationDifferenceKind.InventoryDrift, key, Text(expected), Text(shown), repair,
                    $"the channel shows {shown} but {expected} was pushed and acknowledged"));
                repairs.Add(new InventoryAcknowledgement(row.Key, shown));
            }
            else if (expected > 0)
            {
                differences.Add(new ReconciliationDifference(
                    ReconciliationDifferenceKind.InventoryMissingOnChannel, key, Text(expected), null, repair,
                    $"the channel shows no level but {expected} was pushed and acknowledged"));
                repairs.Add(new InventoryAcknowledgement(row.Key, 0));
            }
        }

        // Acknowledging what the channel really shows makes the row pending again: the dispatcher re-pushes desired.
        if (repair && repairs.Count > 0)
        {
            await _store.AcknowledgeInventoryAsync(repairs, cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    private async Task<int> CheckOrdersAsync(string channel, IOrderChannel port, DateTimeOffset since, DateTimeOffset until, bool repair, List<ReconciliationDifference> differences, CancellationToken cancellationToken)
    {
        var checkedCount = 0;
        await foreach (var order in port.ListOrdersAsync(since, cancellationToken).ConfigureAwait(false))
        {
            if (order.UpdatedAt > until)
            {
                continue;
            }

            checkedCount++;
            var record = await _store.GetOrderRecordAsync(channel, order.OrderId, cancellationToken).ConfigureAwait(false);
            if (record is not null && record.Version >= order.UpdatedAt)
            {
                continue;
            }

            var inboxId = WorkKinds.OrderVersionId(channel, order.OrderId, order.UpdatedAt);
            if (await _store.GetWorkItemAsync(WorkQueue.Inbox, inboxId, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue; // in the inbox already (pending, or dead-lettered and visible there)
            }

            if (repair)
            {
                var payload = new OrderInboxPayload(channel, order.OrderId, OrderEventKind.Updated, null, order.UpdatedAt, order, "reconciliation");
                await _orders.EnqueueOrderAsync(payload, cancellationToken).ConfigureAwait(false);
            }

            var version = order.UpdatedAt.ToString("O", CultureInfo.InvariantCulture);
            differences.Add(record is null
                ? new ReconciliationDifference(ReconciliationDifferenceKind.MissedOrder, order.OrderId, null, version, repair, "the channel has the order but neither webhook nor poll delivered it")
                : new ReconciliationDifference(
                    ReconciliationDifferenceKind.MissedOrderUpdate, order.OrderId, record.Version.ToString("O", CultureInfo.InvariantCulture), version, repair,
                    "the channel has a newer version of the order than the engine processed"));
        }

        return checkedCount;
    }

    private async Task<int> CheckShipmentsAsync(IFulfillmentChannel port, List<WarehouseShipment> shipments, bool repair, List<ReconciliationDifference> differences, CancellationToken cancellationToken)
    {
        foreach (var shipment in shipments)
        {
            var sent = await port.ListFulfillmentsAsync(shipment.ChannelOrderId, cancellationToken).ConfigureAwait(false);
            if (FulfillmentSync.FindSent(sent, shipment.ShipmentId) is not null)
            {
                continue;
            }

            var itemId = WorkKinds.ShipmentId(shipment.Channel, shipment.ShipmentId);
            var item = await _store.GetWorkItemAsync(WorkQueue.Outbox, itemId, cancellationToken).ConfigureAwait(false);
            switch (item?.Status)
            {
                case WorkItemStatus.Pending:
                    continue; // on its way
                case WorkItemStatus.DeadLettered:
                    differences.Add(new ReconciliationDifference(
                        ReconciliationDifferenceKind.ShipmentDeadLettered, shipment.ShipmentId, "shipped", null, false,
                        $"the shipment of order {shipment.ChannelOrderId} is a dead letter ({item.LastError}); replay it after fixing the cause"));
                    continue;
                default:
                    if (repair)
                    {
                        // A completed item cannot be enqueued again under its id; the channel call stays idempotent on the shipment id.
                        var id = item is null ? itemId : string.Create(CultureInfo.InvariantCulture, $"{itemId}|reconcile|{_time.GetUtcNow().UtcTicks}");
                        await _fulfillment.EnqueueShipmentAsync(shipment, id, cancellationToken).ConfigureAwait(false);
                    }

                    differences.Add(new ReconciliationDifference(
                        ReconciliationDifferenceKind.ShipmentMissingOnChannel, shipment.ShipmentId, "shipped", null, repair,
                        $"the WMS shipped order {shipment.ChannelOrderId} but the channel shows no fulfilment for this shipment"));
                    continue;
            }
        }

        return shipments.Count;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

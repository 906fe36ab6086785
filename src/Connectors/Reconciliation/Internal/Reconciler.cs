using System.Globalization;
using Connectors.Fulfillment.Internal;
using Connectors.Internal;
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
    private readonly IOrderMapper _mapper;
    private readonly TimeProvider _time;
    private readonly IOptions<ConnectorsOptions> _options;
    private readonly ConnectorsMetrics _metrics;
    private readonly ILogger _logger;
    private readonly WorkSignal? _inventorySignal;
    private readonly IOversellWindow? _oversell;

    public Reconciler(
        ISyncStateStore store,
        IChannelRegistry channels,
        OrderSync orders,
        FulfillmentSync fulfillment,
        IOrderMapper mapper,
        TimeProvider time,
        IOptions<ConnectorsOptions> options,
        ConnectorsMetrics metrics,
        ILogger<Reconciler>? logger = null,
        WorkSignals? signals = null,
        IOversellWindow? oversell = null)
    {
        _inventorySignal = signals?.Inventory;
        _oversell = oversell;
        _store = store;
        _channels = channels;
        _orders = orders;
        _fulfillment = fulfillment;
        _mapper = mapper;
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

        // A channel that takes order units from its own stock shows less than was pushed while an order the engine has
        // not processed holds units: orders go first, and their items' lower levels are not "repaired" upwards.
        var ordersFirst = _channels.TryGetPort<IStockMovingChannel>(channel, out var moving) && moving.StockMoves.OrdersHoldStock;
        HashSet<string>? unprocessed = ordersFirst ? new HashSet<string>(StringComparer.Ordinal) : null;
        if (request.Inventory && !ordersFirst)
        {
            inventoryChecked = await CheckInventoryAsync().ConfigureAwait(false);
        }

        if (request.Orders)
        {
            if (_channels.TryGetPort<IOrderChannel>(channel, out var orders))
            {
                var until = request.Until ?? started;
                var since = request.Since ?? (until - policy.ReconciliationWindow);
                ordersChecked = await CheckOrdersAsync(channel, orders, since, until, !request.DryRun && policy.RepairMissedOrders, differences, unprocessed, cancellationToken).ConfigureAwait(false);
                await CheckReservationsAsync(channel, !request.DryRun && policy.RepairInventoryDrift, differences, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                skipped.Add($"orders: channel '{channel}' has no order port");
            }
        }

        if (request.Inventory && ordersFirst)
        {
            inventoryChecked = await CheckInventoryAsync().ConfigureAwait(false);
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
                ReconciliationDifferenceKind.InventoryDrift or ReconciliationDifferenceKind.InventoryMissingOnChannel or ReconciliationDifferenceKind.InventoryParked
                    or ReconciliationDifferenceKind.OrphanedReservation => ConnectorFlows.Inventory,
                ReconciliationDifferenceKind.MissedOrder or ReconciliationDifferenceKind.MissedOrderUpdate => ConnectorFlows.Orders,
                _ => ConnectorFlows.Fulfillment,
            };
            _metrics.Drift.Add(1, ConnectorsMetrics.Flow(flow), ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome(difference.Kind.ToString()));
        }

        var report = new ReconciliationReport
        {
            Channel = channel,
            DryRun = request.DryRun,
            StartedAt = started,
            CompletedAt = _time.GetUtcNow(),
            InventoryChecked = inventoryChecked,
            OrdersChecked = ordersChecked,
            ShipmentsChecked = shipmentsChecked,
            Differences = differences,
            Skipped = skipped,
        };
        Log.Reconciled(_logger, channel, request.DryRun, differences.Count, report.RepairedCount);
        return report;

        async Task<int> CheckInventoryAsync()
        {
            if (_channels.TryGetPort<IInventoryChannel>(channel, out var inventory))
            {
                return await this.CheckInventoryAsync(channel, inventory, !request.DryRun && policy.RepairInventoryDrift, differences, unprocessed, cancellationToken).ConfigureAwait(false);
            }

            skipped.Add($"inventory: channel '{channel}' has no inventory port");
            return 0;
        }
    }

    private async Task<int> CheckInventoryAsync(
        string channel, IInventoryChannel port, bool repair, List<ReconciliationDifference> differences, HashSet<string>? unprocessed, CancellationToken cancellationToken)
    {
        // Rows the engine believes are on the channel (acknowledged and not waiting to be pushed), and rows the
        // dispatcher gave up on (parked until something makes them due again). Rows waiting for a push are on their way.
        var rows = new Dictionary<(string Item, string Location), InventoryRow>();
        await foreach (var row in _store.ListInventoryAsync(channel, pendingOnly: false, cancellationToken).ConfigureAwait(false))
        {
            if (row is { IsPending: false, Acknowledged: not null } || IsParked(row))
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
        var resume = new List<InventoryKey>();
        foreach (var ((item, location), row) in rows)
        {
            var expected = row.Desired;
            var key = $"{item}@{location}";
            if (IsParked(row))
            {
                var found = actual.TryGetValue((item, location), out var level);
                if (found && level == expected)
                {
                    repairs.Add(new InventoryAcknowledgement(row.Key, level)); // the channel shows it after all: settle the row
                    continue;
                }

                differences.Add(new ReconciliationDifference
                {
                    Kind = ReconciliationDifferenceKind.InventoryParked,
                    Key = key,
                    Expected = Text(expected),
                    Actual = found ? Text(level) : null,
                    Repaired = repair,
                    Description = $"the engine gave up pushing {expected} after {row.Attempts} failed attempts ({row.LastError ?? "no reason kept"}) and the channel shows {(found ? Text(level) : "no level")}",
                });
                resume.Add(row.Key);
                continue;
            }

            if (actual.TryGetValue((item, location), out var shown))
            {
                if (shown == expected)
                {
                    continue;
                }

                if (shown < expected && unprocessed?.Contains(item) == true)
                {
                    // The channel's own reduction for an order the order flow has not processed yet: pushing the higher
                    // level would show units the order already took. Its window lowers what is pushed once processed.
                    differences.Add(new ReconciliationDifference
                    {
                        Kind = ReconciliationDifferenceKind.InventoryDrift,
                        Key = key,
                        Expected = Text(expected),
                        Actual = Text(shown),
                        Repaired = false,
                        Description = $"the channel shows {shown} but {expected} was pushed and acknowledged; an order the engine has not processed yet holds units of the item on the channel, so the lower level is left until it is",
                    });
                    continue;
                }

                differences.Add(new ReconciliationDifference
                {
                    Kind = ReconciliationDifferenceKind.InventoryDrift,
                    Key = key,
                    Expected = Text(expected),
                    Actual = Text(shown),
                    Repaired = repair,
                    Description = $"the channel shows {shown} but {expected} was pushed and acknowledged",
                });
                repairs.Add(new InventoryAcknowledgement(row.Key, shown));
            }
            else if (expected > 0)
            {
                differences.Add(new ReconciliationDifference
                {
                    Kind = ReconciliationDifferenceKind.InventoryMissingOnChannel,
                    Key = key,
                    Expected = Text(expected),
                    Actual = null,
                    Repaired = repair,
                    Description = $"the channel shows no level but {expected} was pushed and acknowledged",
                });
                repairs.Add(new InventoryAcknowledgement(row.Key, 0));
            }
        }

        // Acknowledging what the channel really shows makes the row pending again: the dispatcher re-pushes desired.
        if (repair && repairs.Count > 0)
        {
            await _store.AcknowledgeInventoryAsync(repairs, cancellationToken).ConfigureAwait(false);
        }

        // A parked row is due again with fresh attempts: the dispatcher pushes its desired quantity.
        if (repair && resume.Count > 0)
        {
            await _store.ResumeInventoryAsync(resume, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (repair && repairs.Count + resume.Count > 0)
        {
            _inventorySignal?.Notify();
        }

        return rows.Count;
    }

    /// <summary>
    /// Compares the channel's open oversell windows with its order records: a window is orphaned when the WMS accepted
    /// the order, it was cancelled or rejected, it outlived <see cref="Inventory.InventorySyncOptions.ReservationTimeToLive"/>,
    /// or the order has no record yet and an inbox dead letter. Windows of held orders and of orders being processed
    /// are left alone. The repair closes it (for an accepted order together with stock read from the WMS).
    /// </summary>
    private async Task CheckReservationsAsync(string channel, bool repair, List<ReconciliationDifference> differences, CancellationToken cancellationToken)
    {
        var open = new List<PendingReservation>();
        await foreach (var reservation in _store.ListReservationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(reservation.Channel, channel, StringComparison.Ordinal))
            {
                open.Add(reservation);
            }
        }

        if (open.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var ttl = _options.Value.Inventory.ReservationTimeToLive;
        HashSet<string>? deadLettered = null;
        var orphans = new List<(PendingReservation Reservation, OrderRecord? Record, string Why)>();
        foreach (var reservation in open)
        {
            var record = await _store.GetOrderRecordAsync(channel, reservation.OrderId, cancellationToken).ConfigureAwait(false);
            var why = record?.Status switch
            {
                OrderRecordStatus.Submitted => "the WMS accepted the order",
                OrderRecordStatus.Cancelled => "the order was cancelled",
                OrderRecordStatus.Rejected => "the order was rejected",
                _ => null,
            };
            if (why is null && reservation.CreatedAt + ttl <= now)
            {
                why = string.Create(CultureInfo.InvariantCulture, $"it is older than the reservation time-to-live ({ttl})");
            }

            if (why is null && record is null or { Status: OrderRecordStatus.Received })
            {
                deadLettered ??= await DeadLetteredOrdersAsync(channel, cancellationToken).ConfigureAwait(false);
                if (deadLettered.Contains(reservation.OrderId))
                {
                    why = "the order's inbox item is a dead letter";
                }
            }

            if (why is not null)
            {
                orphans.Add((reservation, record, why));
            }
        }

        if (orphans.Count == 0)
        {
            return;
        }

        if (repair && _oversell is not null)
        {
            foreach (var (reservation, record, _) in orphans)
            {
                if (record?.Status == OrderRecordStatus.Submitted)
                {
                    await _oversell.AcceptedAsync(channel, reservation.OrderId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _oversell.CloseAsync(channel, reservation.OrderId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // Repaired means closed: an accepted order's window without an IWarehouseInventory waits for published stock.
        var stillOpen = new HashSet<string>(StringComparer.Ordinal);
        if (repair && _oversell is not null)
        {
            await foreach (var reservation in _store.ListReservationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(reservation.Channel, channel, StringComparison.Ordinal))
                {
                    stillOpen.Add(reservation.OrderId);
                }
            }
        }

        foreach (var (reservation, record, why) in orphans)
        {
            var units = string.Join(", ", reservation.Quantities.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Quantity} {q.Sku}")));
            differences.Add(new ReconciliationDifference
            {
                Kind = ReconciliationDifferenceKind.OrphanedReservation,
                Key = reservation.OrderId,
                Expected = record?.Status.ToString(),
                Actual = string.Create(CultureInfo.InvariantCulture, $"open since {reservation.CreatedAt:O}"),
                Repaired = repair && _oversell is not null && !stillOpen.Contains(reservation.OrderId),
                Description = $"an oversell window holds back {units} of every channel's availability although {why}",
            });
        }
    }

    /// <summary>The order ids of the channel's dead-lettered inbox order items.</summary>
    private async Task<HashSet<string>> DeadLetteredOrdersAsync(string channel, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var letter in _store.ListDeadLettersAsync(channel, cancellationToken).ConfigureAwait(false))
        {
            if (letter.SourceQueue != WorkQueue.Inbox || !string.Equals(letter.Kind, WorkKinds.Order, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                ids.Add(OrderPayloads.ReadOrder(letter.Payload).OrderId);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ConnectorException)
            {
                // an unreadable item never opened a window
            }
        }

        return ids;
    }

    /// <summary>A row the dispatcher parked: pending, and due never (see <see cref="IInventoryStateStore.RescheduleInventoryAsync"/>).</summary>
    private static bool IsParked(InventoryRow row) => row.IsPending && row.NextAttemptAt == DateTimeOffset.MaxValue;

    // unprocessed: when not null (a channel whose orders hold its own stock), collects the items of orders whose units
    // held on the channel differ from the version the engine processed, or that it never processed.
    private async Task<int> CheckOrdersAsync(
        string channel, IOrderChannel port, DateTimeOffset since, DateTimeOffset until, bool repair, List<ReconciliationDifference> differences,
        HashSet<string>? unprocessed, CancellationToken cancellationToken)
    {
        var checkedCount = 0;

        // One order the channel cannot read is reported (and, when repairing, dead-lettered like the poll does) while
        // the rest of the window is still checked; a listing that throws would leave every later order unchecked.
        await foreach (var entry in OrderSync.ListEntries(port, since, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Unreadable is { } unreadable)
            {
                if (unreadable.UpdatedAt is { } changed && changed > until)
                {
                    continue;
                }

                checkedCount++;
                if (repair)
                {
                    // Stored once per payload: a run that finds it dead-lettered already adds nothing.
                    await _orders.DeadLetterUnreadableAsync(channel, unreadable, cancellationToken).ConfigureAwait(false);
                }

                differences.Add(new ReconciliationDifference
                {
                    Kind = ReconciliationDifferenceKind.UnreadableOrder,
                    Key = unreadable.OrderId ?? "?",
                    Expected = null,
                    Actual = unreadable.UpdatedAt?.ToString("O", CultureInfo.InvariantCulture),
                    Repaired = repair,
                    Description = $"the channel lists the order but it cannot be read at {unreadable.JsonPath}: {unreadable.Reason}",
                });
                continue;
            }

            var order = entry.Order!;
            if (order.UpdatedAt > until)
            {
                continue;
            }

            checkedCount++;
            var record = await _store.GetOrderRecordAsync(channel, order.OrderId, cancellationToken).ConfigureAwait(false);
            if (unprocessed is not null)
            {
                NoteUnprocessedHolds(record, order, unprocessed);
            }

            // The same version counts when its content differs from what the engine processed: a coarse updated-at
            // (WooCommerce: whole seconds) keeps the version through a payment in the same second.
            if (record is not null
                && (record.Version > order.UpdatedAt
                    || (record.Version == order.UpdatedAt && (OrderPayloads.ReadState(record.Payload)?.Order is not { } processed || OrderContent.Same(processed, order)))))
            {
                continue;
            }

            var inboxId = WorkKinds.OrderVersionId(order);
            if (await _store.GetWorkItemAsync(WorkQueue.Inbox, inboxId, cancellationToken).ConfigureAwait(false) is not null
                || await _store.GetWorkItemAsync(WorkQueue.Inbox, inboxId + "|cancelled", cancellationToken).ConfigureAwait(false) is not null)
            {
                continue; // in the inbox already (pending, or dead-lettered and visible there)
            }

            // A newer version of a known order is only a missed update when something the WMS or the release rules
            // care about changed. The engine's own writes (the acknowledgement tag or note, fulfilments, the shipment
            // markers) move the channel's updated-at too, and must not be reported as drift.
            string? change = null;
            if (record is not null)
            {
                change = await DescribeChangeAsync(record, order, cancellationToken).ConfigureAwait(false);
                if (change is null)
                {
                    Log.OrderVersionUnchanged(_logger, order.OrderId, channel, record.Version, order.UpdatedAt);
                    continue;
                }
            }

            if (repair)
            {
                var payload = new OrderInboxPayload(channel, order.OrderId, OrderEventKind.Updated, null, order.UpdatedAt, order, "reconciliation");
                await _orders.EnqueueOrderAsync(payload, cancellationToken).ConfigureAwait(false);
            }

            var version = order.UpdatedAt.ToString("O", CultureInfo.InvariantCulture);
            differences.Add(record is null
                ? new ReconciliationDifference
                {
                    Kind = ReconciliationDifferenceKind.MissedOrder,
                    Key = order.OrderId,
                    Expected = null,
                    Actual = version,
                    Repaired = repair,
                    Description = "the channel has the order but neither webhook nor poll delivered it",
                }
                : new ReconciliationDifference
                {
                    Kind = ReconciliationDifferenceKind.MissedOrderUpdate,
                    Key = order.OrderId,
                    Expected = record.Version.ToString("O", CultureInfo.InvariantCulture),
                    Actual = version,
                    Repaired = repair,
                    Description = $"the channel has a newer version of the order than the engine processed: {change}",
                });
        }

        return checkedCount;
    }

    /// <summary>Adds the items whose units the channel holds for this order differ from the version the engine processed.</summary>
    private static void NoteUnprocessedHolds(OrderRecord? record, ChannelOrder order, HashSet<string> unprocessed)
    {
        var before = record is null ? null : OrderPayloads.ReadState(record.Payload)?.Order;
        if (record is not null && (before is null || record.Version >= order.UpdatedAt))
        {
            return;
        }

        foreach (var line in order.Lines)
        {
            var held = order.Lines.Where(l => l.ChannelItemId == line.ChannelItemId).Sum(l => l.StockHeld ?? 0);
            var was = before?.Lines.Where(l => l.ChannelItemId == line.ChannelItemId).Sum(l => l.StockHeld ?? 0) ?? 0;
            if (held != was)
            {
                unprocessed.Add(line.ChannelItemId);
            }
        }
    }

    /// <summary>
    /// What changed between the order version the engine last processed and a newer channel version, in the terms
    /// the order flow acts on: cancellation, the mapped warehouse order (lines, quantities, SKUs, address, carrier,
    /// priority, picking instructions, custom fields; see <see cref="OrderDiff"/>) and the release decision.
    /// </summary>
    /// <returns>A phrase for the report, or <see langword="null"/> when the order flow would change nothing.</returns>
    private async ValueTask<string?> DescribeChangeAsync(OrderRecord record, ChannelOrder order, CancellationToken cancellationToken)
    {
        if (record.Status == OrderRecordStatus.Cancelled)
        {
            return null; // the order flow ignores every later version of a cancelled order
        }

        if (order.Status == ChannelOrderStatus.Cancelled)
        {
            return "it was cancelled";
        }

        var state = OrderPayloads.ReadState(record.Payload);
        if (state is null || (state.Submitted is null && state.Order is null))
        {
            return "the engine kept no copy of the version it processed to compare with";
        }

        // As the order flow decides (OrderToShip): an order the WMS has is compared against the units left out when it
        // was submitted, and once every unit is fulfilled nothing the WMS could do changed.
        var inWarehouse = record.Status == OrderRecordStatus.Submitted && state.Submitted is not null;
        if (inWarehouse && OrderToShip.AllFulfilled(order))
        {
            return null;
        }

        OrderMappingResult next;
        WarehouseOrder before;
        try
        {
            next = await _mapper.MapOrderAsync(OrderToShip.Remaining(order, inWarehouse ? state.Fulfilled : OrderToShip.Fulfilled(order)), cancellationToken).ConfigureAwait(false);
            before = state.Submitted ?? (await _mapper.MapOrderAsync(OrderToShip.Remaining(state.Order!, OrderToShip.Fulfilled(state.Order!)), cancellationToken).ConfigureAwait(false)).Order;
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            return $"the newer version does not map ({e.Message})";
        }

        if (OrderDiff.HasChanges(before, next.Order))
        {
            return "its lines, quantities, address, shipping or custom fields changed";
        }

        var decided = record.Status switch
        {
            OrderRecordStatus.Submitted => ReleaseDecision.Release,
            OrderRecordStatus.Held => ReleaseDecision.Hold,
            OrderRecordStatus.Rejected => ReleaseDecision.Reject,
            _ => (ReleaseDecision?)null,
        };
        return record.Status == OrderRecordStatus.Submitted || decided == next.Release
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"its release decision is now {next.Release} (the engine has it {record.Status})");
    }

    private async Task<int> CheckShipmentsAsync(IFulfillmentChannel port, List<WarehouseShipment> shipments, bool repair, List<ReconciliationDifference> differences, CancellationToken cancellationToken)
    {
        foreach (var shipment in shipments)
        {
            var sent = await port.ListFulfillmentsAsync(shipment.ChannelOrderId, cancellationToken).ConfigureAwait(false);
            if (IsOnChannel(sent, shipment))
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
                    differences.Add(new ReconciliationDifference
                    {
                        Kind = ReconciliationDifferenceKind.ShipmentDeadLettered,
                        Key = shipment.ShipmentId,
                        Expected = "shipped",
                        Actual = null,
                        Repaired = false,
                        Description = $"the shipment of order {shipment.ChannelOrderId} is a dead letter ({item.LastError}); replay it after fixing the cause",
                    });
                    continue;
                default:
                    if (repair)
                    {
                        // A completed item cannot be enqueued again under its id; the channel call stays idempotent on the shipment id.
                        var id = item is null ? itemId : string.Create(CultureInfo.InvariantCulture, $"{itemId}|reconcile|{_time.GetUtcNow().UtcTicks}");
                        await _fulfillment.EnqueueShipmentAsync(shipment, id, cancellationToken).ConfigureAwait(false);
                    }

                    differences.Add(new ReconciliationDifference
                    {
                        Kind = ReconciliationDifferenceKind.ShipmentMissingOnChannel,
                        Key = shipment.ShipmentId,
                        Expected = "shipped",
                        Actual = null,
                        Repaired = repair,
                        Description = $"the WMS shipped order {shipment.ChannelOrderId} but the channel shows no fulfilment for this shipment",
                    });
                    continue;
            }
        }

        return shipments.Count;
    }

    /// <summary>
    /// Whether the channel shows the shipment: a fulfilment carrying its id as idempotency key, or, for a channel that
    /// does not report keys when listing (Shopify keeps them in a metafield), one that is not keyed to another shipment
    /// and carries every tracking number of the shipment.
    /// </summary>
    internal static bool IsOnChannel(IReadOnlyList<ChannelFulfillment> sent, WarehouseShipment shipment)
    {
        if (FulfillmentSync.FindSent(sent, shipment.ShipmentId) is not null)
        {
            return true;
        }

        var numbers = shipment.Tracking.Select(t => t.Number).Where(n => !string.IsNullOrEmpty(n)).ToArray();
        return numbers.Length > 0 && sent.Any(f =>
            f.IdempotencyKey is null
            && numbers.All(n => f.Tracking.Any(t => string.Equals(t.Number, n, StringComparison.OrdinalIgnoreCase))));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Connectors.Orders.Internal;
using Connectors.State;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>
/// What a red chaos run needs to explain itself: for each order missing from the WMS its history on the shop and in the
/// engine (shop status and payment, record, inbox items, leases, reservation, dead letters, every log line about it),
/// and for each mismatched level the shop, the WMS and the engine's rows side by side.
/// </summary>
internal static class ChaosDiagnostics
{
    public static async Task<IReadOnlyList<string>> DescribeOrdersAsync(
        IServiceProvider services, IEnumerable<(string Channel, string OrderId)> orders, LogCapture? logs, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ISyncStateStore>();
        var registry = services.GetRequiredService<IChannelRegistry>();
        var letters = await store.ListDeadLettersAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var reservations = await store.ListReservationsAsync(cancellationToken).ToListAsync(cancellationToken);
        var inbox = (store as InMemorySyncStateStore)?.SnapshotQueue(WorkQueue.Inbox);
        var result = new List<string>();
        foreach (var (channel, orderId) in orders)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"missing order {channel} {orderId}:");
            text.Append("\n  shop (read through the channel port): ").Append(await ShopViewAsync(registry, channel, orderId, cancellationToken));

            var record = await store.GetOrderRecordAsync(channel, orderId, cancellationToken);
            if (record is null)
            {
                text.Append("\n  order record: none (the engine never decided on this order)");
            }
            else
            {
                var state = OrderPayloads.ReadState(record.Payload);
                text.Append(CultureInfo.InvariantCulture,
                    $"\n  order record: {record.Status}, last version seen {record.Version:O}, updated {record.UpdatedAt:O}, WMS ref {record.WarehouseReference ?? "none"}, ");
                text.Append(CultureInfo.InvariantCulture,
                    $"state: order version {state?.Order?.UpdatedAt:O} status {state?.Order?.Status} payment {state?.Order?.PaymentStatus}, submitted {state?.Submitted is not null}, acknowledged {state?.Acknowledged}, reason '{state?.Reason}'");
            }

            var prefix = $"order|{channel}|{orderId}|";
            if (inbox is null)
            {
                text.Append("\n  inbox: (not the in-memory store; not listed)");
            }
            else
            {
                var items = inbox.Where(e => e.Item.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                text.Append(CultureInfo.InvariantCulture, $"\n  inbox items: {items.Count}");
                foreach (var (item, leaseUntil, completedAt) in items)
                {
                    var payload = OrderPayloads.ReadOrder(item.Payload);
                    text.Append(CultureInfo.InvariantCulture,
                        $"\n    {item.Id[prefix.Length..]} from {payload.Source} ({payload.EventKind}, order status {payload.Order?.Status}, payment {payload.Order?.PaymentStatus}): {item.Status}, attempts {item.Attempts}, enqueued {item.EnqueuedAt:O}, next {item.NextAttemptAt:O}, lease until {leaseUntil:O}, completed {(completedAt == default ? "-" : completedAt.ToString("O", CultureInfo.InvariantCulture))}, last error '{item.LastError}'");
                }
            }

            var orderLock = await store.GetCursorAsync(channel, OrderProcessingLock.CursorPrefix + orderId, cancellationToken);
            text.Append(CultureInfo.InvariantCulture, $"\n  order lock row: {(orderLock is null ? "none" : $"{orderLock.Value} (v{orderLock.Version})")}");
            var poll = await store.GetCursorAsync(channel, WorkKinds.PollCursor, cancellationToken);
            text.Append(CultureInfo.InvariantCulture, $"\n  poll cursor of {channel}: {poll?.Value ?? "none"} (v{poll?.Version})");
            var reservation = reservations.FirstOrDefault(r => r.Channel == channel && r.OrderId == orderId);
            text.Append(CultureInfo.InvariantCulture,
                $"\n  reservation: {(reservation is null ? "none" : string.Join(", ", reservation.Quantities.Select(q => $"{q.Sku} x{q.Quantity}")) + $" since {reservation.CreatedAt:O}")}");
            var own = letters.Where(l => l.Id.Contains("|" + orderId + "|", StringComparison.Ordinal) || l.Id.EndsWith("|" + orderId, StringComparison.Ordinal)).ToList();
            text.Append(CultureInfo.InvariantCulture, $"\n  dead letters: {(own.Count == 0 ? "none" : string.Join("; ", own.Select(l => $"{l.Id} {l.ErrorType}: {l.Reason}")))}");
            if (logs is not null)
            {
                var pattern = new Regex($@"(OrderId={Regex.Escape(orderId)}[,}}]|\|{Regex.Escape(orderId)}\||[Oo]rder {Regex.Escape(orderId)}\b|order={Regex.Escape(orderId)}\b)", RegexOptions.CultureInvariant);
                var lines = logs.TimedEntries.Where(e => pattern.IsMatch(e)).Select(e => e.Split('\n')[0]).ToList();
                text.Append(CultureInfo.InvariantCulture, $"\n  log lines about it: {lines.Count}");
                foreach (var line in lines.TakeLast(60))
                {
                    text.Append("\n    ").Append(line);
                }
            }

            result.Add(text.ToString());
        }

        return result;
    }

    /// <summary>Each mismatched level: shop against the WMS's free stock (expected), the WMS's own figures, and the engine's rows and reservations of the SKU.</summary>
    public static async Task<IReadOnlyList<string>> DescribeLevelsAsync(
        IServiceProvider services, Shops shops, StockWarehouse warehouse, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ISyncStateStore>();
        var reservations = await store.ListReservationsAsync(cancellationToken).ToListAsync(cancellationToken);
        var rows = new List<InventoryRow>();
        foreach (var channel in new[] { HostSettings.Shopify, HostSettings.Woo, HostSettings.Magento })
        {
            rows.AddRange(await store.ListInventoryAsync(channel, cancellationToken: cancellationToken).ToListAsync(cancellationToken));
        }

        var result = new List<string>();
        foreach (var sku in shops.Skus)
        {
            var free = warehouse.Free(sku);
            var (onHand, reserved) = warehouse.Stock(sku);
            var levels = new (string Channel, int? Shown)[]
            {
                (HostSettings.Shopify, shops.Shopify.GetAvailable(shops.ShopifyItems[sku], shops.ShopifyLocation)),
                (HostSettings.Woo, shops.Woo.GetStock(shops.WooProducts[sku])),
                (HostSettings.Magento, shops.Magento is { } magento ? (int)magento.GetSalableQuantity(sku) : free),
            };
            foreach (var (channel, shown) in levels.Where(l => l.Shown != free))
            {
                var text = new StringBuilder();
                text.Append(CultureInfo.InvariantCulture,
                    $"level {channel} {sku}/{StockWarehouse.Location}: shop {shown?.ToString(CultureInfo.InvariantCulture) ?? "none"}, expected (WMS free) {free}, WMS on hand {onHand} reserved {reserved}");
                foreach (var row in rows.Where(r => r.Key.Channel == channel && r.Sku == sku))
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"\n  engine row {row.Key.ChannelItemId}@{row.Key.LocationId}: desired {row.Desired}, acknowledged {row.Acknowledged?.ToString(CultureInfo.InvariantCulture) ?? "none"}, v{row.Version}, attempts {row.Attempts}, next {row.NextAttemptAt:O}, updated {row.UpdatedAt:O}, last error '{row.LastError}'");
                }

                foreach (var r in reservations.Where(r => r.Quantities.Any(q => q.Sku == sku)))
                {
                    text.Append(CultureInfo.InvariantCulture,
                        $"\n  open reservation {r.Channel} {r.OrderId}: {string.Join(", ", r.Quantities.Select(q => $"{q.Sku} x{q.Quantity}"))} since {r.CreatedAt:O}");
                }

                result.Add(text.ToString());
            }
        }

        return result;
    }

    private static async Task<string> ShopViewAsync(IChannelRegistry registry, string channel, string orderId, CancellationToken cancellationToken)
    {
        if (!registry.TryGetPort<IOrderChannel>(channel, out var port))
        {
            return "no order port";
        }

        try
        {
            var order = await port.GetOrderAsync(orderId, cancellationToken);
            return order is null
                ? "not found"
                : string.Create(CultureInfo.InvariantCulture,
                    $"status {order.Status}, payment {order.PaymentStatus}, fulfilment {order.FulfillmentStatus}, created {order.CreatedAt:O}, updated {order.UpdatedAt:O}, lines {string.Join(", ", order.Lines.Select(l => $"{l.Sku ?? l.ChannelItemId} x{l.Quantity} (stock held {l.StockHeld?.ToString(CultureInfo.InvariantCulture) ?? "-"})"))}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return "could not read: " + ex.GetType().Name + " " + ex.Message;
        }
    }
}

using System.Globalization;
using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.Logging;

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Turns EWM goods issues into shipments: reads the outbound delivery orders of each warehouse changed since the
/// stored cursor, and publishes every order whose items all have goods issue posted (status <c>9</c>) as a
/// <see cref="WarehouseShipment"/> through <see cref="IConnectorEvents.PublishShipmentAsync"/>, keyed by the outbound
/// delivery order number (a repeat reaches the channel once). The cursor (the latest change time seen, per warehouse)
/// is kept in the <see cref="ISyncStateStore"/>. The host calls <see cref="PollAsync"/> on its schedule.
/// </summary>
public sealed class SapEwmShipmentPoller
{
    /// <summary>The channel name the cursors are stored under.</summary>
    public const string CursorChannel = "sap-ewm";

    private readonly ODataClient _client;
    private readonly IConnectorEvents _events;
    private readonly ISyncStateStore _store;
    private readonly TimeProvider _time;
    private readonly ISapEwmTrackingResolver? _tracking;
    private readonly SapEwmMetrics _metrics;
    private readonly ILogger _logger;

    internal SapEwmShipmentPoller(ODataClient client, IConnectorEvents events, ISyncStateStore store, TimeProvider time, ISapEwmTrackingResolver? tracking, SapEwmMetrics metrics, ILogger logger)
    {
        _client = client;
        _events = events;
        _store = store;
        _time = time;
        _tracking = tracking;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Polls every configured warehouse once.</summary>
    /// <param name="cancellationToken">Cancels the poll; the cursor keeps the last completed position.</param>
    /// <returns>How many shipments were published.</returns>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        var published = 0;
        foreach (var warehouse in _client.Options.Warehouses)
        {
            published += await PollWarehouseAsync(warehouse, cancellationToken).ConfigureAwait(false);
        }

        return published;
    }

    /// <summary>The cursor name of a warehouse.</summary>
    /// <param name="warehouse">The EWM warehouse number.</param>
    /// <returns>The name under <see cref="CursorChannel"/>.</returns>
    public static string CursorName(string warehouse) => "odo-changed:" + warehouse;

    private async Task<int> PollWarehouseAsync(string warehouse, CancellationToken cancellationToken)
    {
        var options = _client.Options;
        var cursor = await _store.GetCursorAsync(CursorChannel, CursorName(warehouse), cancellationToken).ConfigureAwait(false);
        var since = cursor is not null && DateTimeOffset.TryParse(cursor.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var stored)
            ? stored
            : _time.GetUtcNow() - options.InitialShipmentLookback;
        var newest = since;
        var published = 0;
        var references = new Dictionary<string, string?>(StringComparer.Ordinal);

        // 'ge', not 'gt': EWM's change stamp has whole seconds, and a second change in the same second must not be
        // missed. The orders of the cursor's second come again; their shipment ids make the repeat a no-op.
        var query = SapServices.DeliveryHeadSet
            + "?$select=EWMOutboundDeliveryOrder,EWMWarehouse,Carrier,CarrierName,MasterBillOfLading,TranspOrdPartnerReference,EWMDelivLastChangeUTCDateTime"
            + "&$filter=" + ODataLiteral.Escape(
                "EWMWarehouse eq " + ODataLiteral.String(warehouse)
                + " and EWMDelivLastChangeUTCDateTime ge " + ODataLiteral.DateTimeOffset(since, ODataVersion.V4))
            + "&$orderby=" + ODataLiteral.Escape("EWMDelivLastChangeUTCDateTime,EWMOutboundDeliveryOrder")
            + "&$expand=" + ODataLiteral.Escape("_WhseOutbDeliveryOrderItem($select=EWMOutboundDeliveryOrder,EWMOutboundDeliveryOrderItem,Product,Batch,ProductQuantity,QuantityUnit,GoodsIssueStatus,PickingStatus,SalesOrder,SalesOrderItem,ActlGoodsIssueStartUTCDateTime)");
        await foreach (var head in _client.QueryV4Async(SapServices.Deliveries(options), query, SapJsonContext.Default.ODataV4PageOdoHead, cancellationToken).ConfigureAwait(false))
        {
            if (head.EWMDelivLastChangeUTCDateTime is { } changed && changed > newest)
            {
                newest = changed;
            }

            if (await ToShipmentAsync(head, references, cancellationToken).ConfigureAwait(false) is { } shipment)
            {
                await _events.PublishShipmentAsync(shipment, cancellationToken).ConfigureAwait(false);
                _metrics.Shipments.Add(1);
                Log.ShipmentPublished(_logger, shipment.ShipmentId, shipment.Channel, shipment.ChannelOrderId);
                published++;
            }
        }

        if (newest > since || cursor is null)
        {
            // A lost race means another poller moved the cursor; its position is as good as ours.
            await _store.TrySetCursorAsync(CursorChannel, CursorName(warehouse), newest.ToString("O", CultureInfo.InvariantCulture), cursor?.Version ?? 0, cancellationToken).ConfigureAwait(false);
        }

        return published;
    }

    private async Task<WarehouseShipment?> ToShipmentAsync(OdoHead head, Dictionary<string, string?> references, CancellationToken cancellationToken)
    {
        var items = (head.Items ?? []).Where(i => i.ProductQuantity is > 0m).ToList();
        if (head.EWMOutboundDeliveryOrder is not { Length: > 0 } number || items.Count == 0 || items.Any(i => i.GoodsIssueStatus != "9"))
        {
            return null; // not goods-issued (or emptied by a cancellation)
        }

        var salesOrder = items.Select(i => i.SalesOrder).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        var reference = salesOrder is null ? null : await ReferenceOfAsync(salesOrder, references, cancellationToken).ConfigureAwait(false);
        if (!SalesOrderReference.TryParse(reference, out var channel, out var orderId))
        {
            Log.DeliveryNotOurs(_logger, number, salesOrder, reference);
            return null;
        }

        var options = _client.Options;
        var lines = items
            .GroupBy(i => options.SkuIncludesBatch && !string.IsNullOrEmpty(i.Batch) ? i.Product + options.BatchSeparator + i.Batch : i.Product ?? string.Empty, StringComparer.Ordinal)
            .Select(g => new WarehouseShipmentLine(g.Key, g.Sum(i => i.ProductQuantity!.Value)))
            .ToList();
        var delivery = new SapOutboundDelivery
        {
            DeliveryOrder = number,
            Warehouse = head.EWMWarehouse ?? string.Empty,
            SalesOrder = salesOrder,
            Carrier = Empty(head.Carrier),
            CarrierName = Empty(head.CarrierName),
            TransportPartnerReference = Empty(head.TranspOrdPartnerReference),
            MasterBillOfLading = Empty(head.MasterBillOfLading),
            LastChangedAt = head.EWMDelivLastChangeUTCDateTime,
        };
        var carrier = delivery.Carrier is { } bp && options.CarrierNames.TryGetValue(bp, out var mapped) ? mapped : delivery.CarrierName ?? delivery.Carrier;
        IReadOnlyList<TrackingInfo> tracking = options.TrackingSource switch
        {
            SapTrackingSource.TransportPartnerReference => delivery.TransportPartnerReference is { } t ? [new TrackingInfo(t)] : [],
            SapTrackingSource.MasterBillOfLading => delivery.MasterBillOfLading is { } m ? [new TrackingInfo(m)] : [],
            _ => _tracking is null ? [] : await _tracking.ResolveAsync(delivery, cancellationToken).ConfigureAwait(false),
        };
        var shippedAt = items.Max(i => i.ActlGoodsIssueStartUTCDateTime) ?? head.EWMDelivLastChangeUTCDateTime ?? _time.GetUtcNow();
        return new WarehouseShipment(number, channel, orderId, lines, shippedAt, carrier, tracking: tracking);
    }

    private async Task<string?> ReferenceOfAsync(string salesOrder, Dictionary<string, string?> cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(salesOrder, out var known))
        {
            return known;
        }

        var options = _client.Options;
        string? reference;
        try
        {
            var (order, _) = await _client.GetAsync(
                SapServices.SalesOrders(options),
                $"{SapServices.SalesOrderSet}({ODataLiteral.String(salesOrder)})?$select=SalesOrder,PurchaseOrderByCustomer,PurchaseOrderByShipToParty",
                SapJsonContext.Default.ODataV2EnvelopeSalesOrderRead,
                cancellationToken).ConfigureAwait(false);
            reference = order.D is null ? null : SalesOrderReference.Read(order.D, options.ReferenceField);
        }
        catch (SapRequestFailedException ex) when (ex.StatusCode == 404)
        {
            reference = null; // a delivery without a sales order this system still has is not one of ours
        }

        cache[salesOrder] = reference;
        return reference;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

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
/// is kept in the <see cref="ISyncStateStore"/>. With <see cref="SapEwmOptions.SplitShipmentsByHandlingUnit"/> a
/// delivery packed in handling units becomes one shipment per unit (id <c>{delivery}/{handling unit}</c>). The hosted
/// worker that <c>AddSapEwm</c> registers calls it every <see cref="SapEwmOptions.PollInterval"/>; a host without one
/// calls <see cref="PollAsync"/> on its schedule.
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
    private readonly IChannelRegistry? _channels;

    internal SapEwmShipmentPoller(ODataClient client, IConnectorEvents events, ISyncStateStore store, TimeProvider time, ISapEwmTrackingResolver? tracking, SapEwmMetrics metrics, ILogger logger, IChannelRegistry? channels = null)
    {
        _channels = channels;
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

    /// <summary>Polls one warehouse (the hosted worker isolates warehouses from each other's failures).</summary>
    internal async Task<int> PollWarehouseAsync(string warehouse, CancellationToken cancellationToken)
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

            if (options.ReportDeliveryOrders)
            {
                await ReportDeliveryOrderAsync(head, references, cancellationToken).ConfigureAwait(false);
            }

            foreach (var shipment in await ToShipmentsAsync(head, references, cancellationToken).ConfigureAwait(false))
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

    /// <summary>The cursor name that records that a delivery order was reported to its channel.</summary>
    internal static string ReportedName(string deliveryOrder) => "odo-reported:" + deliveryOrder;

    /// <summary>
    /// Reports a delivery order of one of our sales orders to the order's channel once. The engine has no port for a
    /// warehouse reference that appears after submission, so this uses the acknowledgement the order flow already sends
    /// (released, with the new reference); it is marked after the channel took it, so a crash in between repeats it,
    /// which the channels' acknowledgements tolerate. A failure is logged and tried again when the order changes: the
    /// report must not hold back the shipments of the warehouse.
    /// </summary>
    private async Task ReportDeliveryOrderAsync(OdoHead head, Dictionary<string, string?> references, CancellationToken cancellationToken)
    {
        var items = (head.Items ?? []).Where(i => i.ProductQuantity is > 0m).ToList();
        if (_channels is null || head.EWMOutboundDeliveryOrder is not { Length: > 0 } number || items.Count == 0)
        {
            return; // an emptied (cancelled) delivery order is not news for the channel
        }

        var reported = await _store.GetCursorAsync(CursorChannel, ReportedName(number), cancellationToken).ConfigureAwait(false);
        if (reported is not null)
        {
            return;
        }

        var salesOrder = items.Select(i => i.SalesOrder).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        var reference = salesOrder is null ? null : await ReferenceOfAsync(salesOrder, references, cancellationToken).ConfigureAwait(false);
        if (!SalesOrderReference.TryParse(reference, out var channel, out var orderId))
        {
            return; // not ours; the shipment path logs it
        }

        if (!_channels.TryGetPort<IOrderChannel>(channel, out var orders))
        {
            Log.DeliveryOrderReportFailed(_logger, number, channel, orderId, null);
            return;
        }

        try
        {
            await orders.AcknowledgeOrderAsync(
                new OrderAcknowledgement(orderId, ReleaseDecision.Release, number, $"EWM outbound delivery order {number} (sales order {salesOrder})"),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DeliveryOrderReportFailed(_logger, number, channel, orderId, ex);
            return;
        }

        await _store.TrySetCursorAsync(CursorChannel, ReportedName(number), salesOrder!, 0, cancellationToken).ConfigureAwait(false);
        Log.DeliveryOrderReported(_logger, number, channel, orderId);
    }

    private async Task<IReadOnlyList<WarehouseShipment>> ToShipmentsAsync(OdoHead head, Dictionary<string, string?> references, CancellationToken cancellationToken)
    {
        var items = (head.Items ?? []).Where(i => i.ProductQuantity is > 0m).ToList();
        if (head.EWMOutboundDeliveryOrder is not { Length: > 0 } number || items.Count == 0 || items.Any(i => i.GoodsIssueStatus != "9"))
        {
            return []; // not goods-issued (or emptied by a cancellation)
        }

        var salesOrder = items.Select(i => i.SalesOrder).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        var reference = salesOrder is null ? null : await ReferenceOfAsync(salesOrder, references, cancellationToken).ConfigureAwait(false);
        if (!SalesOrderReference.TryParse(reference, out var channel, out var orderId))
        {
            Log.DeliveryNotOurs(_logger, number, salesOrder, reference);
            return [];
        }

        var options = _client.Options;
        var delivered = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var sku = SkuOf(item.Product, item.Batch, options);
            delivered[sku] = delivered.GetValueOrDefault(sku) + item.ProductQuantity!.Value;
        }

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
        var shippedAt = items.Max(i => i.ActlGoodsIssueStartUTCDateTime) ?? head.EWMDelivLastChangeUTCDateTime ?? _time.GetUtcNow();
        IReadOnlyList<TrackingInfo> tracking = options.TrackingSource switch
        {
            SapTrackingSource.TransportPartnerReference => delivery.TransportPartnerReference is { } t ? [new TrackingInfo(t)] : [],
            SapTrackingSource.MasterBillOfLading => delivery.MasterBillOfLading is { } m ? [new TrackingInfo(m)] : [],
            SapTrackingSource.HostCallback => _tracking is null ? [] : await _tracking.ResolveAsync(delivery, cancellationToken).ConfigureAwait(false),
            _ => [],
        };

        var shipments = new List<WarehouseShipment>();
        if (options.SplitShipmentsByHandlingUnit)
        {
            // One shipment per handling unit with the products packed in it; the delivery's own tracking (when the source
            // is a header field) goes with each, the alternative id of the configured type with its own unit.
            foreach (var unit in await HandlingUnitsOfAsync(delivery, options, cancellationToken).ConfigureAwait(false))
            {
                var lines = new List<WarehouseShipmentLine>();
                foreach (var packed in (unit.Items ?? []).Where(i => !string.IsNullOrEmpty(i.Material) && i.HandlingUnitQuantity is > 0m)
                    .GroupBy(i => SkuOf(i.Material, i.Batch, options), StringComparer.Ordinal))
                {
                    // Never more than the delivery holds: a unit packed beyond it (or for another delivery) cannot ship twice.
                    var quantity = Math.Min(packed.Sum(i => i.HandlingUnitQuantity!.Value), delivered.GetValueOrDefault(packed.Key));
                    if (quantity > 0m)
                    {
                        lines.Add(new WarehouseShipmentLine(packed.Key, quantity));
                        delivered[packed.Key] -= quantity;
                    }
                }

                if (lines.Count == 0)
                {
                    continue;
                }

                IReadOnlyList<TrackingInfo> unitTracking = options.TrackingSource == SapTrackingSource.HandlingUnitAlternativeId
                    ? [.. (unit.AlternativeIds ?? []).Where(a => a.EWMHndlgUnitAltvIDType == options.TrackingAlternativeIdType && !string.IsNullOrWhiteSpace(a.EWMHndlgUnitAltvID)).Select(a => new TrackingInfo(a.EWMHndlgUnitAltvID!.Trim())).Take(1)]
                    : tracking;
                shipments.Add(new WarehouseShipment(number + "/" + unit.HandlingUnitExternalID, channel, orderId, lines, shippedAt, carrier, tracking: unitTracking));
            }
        }

        // What no handling unit holds (all of it, without units) ships under the delivery order's number.
        var rest = delivered.Where(d => d.Value > 0m).Select(d => new WarehouseShipmentLine(d.Key, d.Value)).ToList();
        if (rest.Count > 0)
        {
            shipments.Add(new WarehouseShipment(number, channel, orderId, rest, shippedAt, carrier, tracking: options.TrackingSource == SapTrackingSource.HandlingUnitAlternativeId ? [] : tracking));
        }

        return shipments;
    }

    private async Task<List<HandlingUnitRead>> HandlingUnitsOfAsync(SapOutboundDelivery delivery, SapEwmOptions options, CancellationToken cancellationToken)
    {
        var service = SapServices.HandlingUnits(options);
        var ids = new List<string>();
        var references = SapServices.HandlingUnitReferenceSet
            + "?$select=HandlingUnitExternalID,EWMOutboundDeliveryOrder&$filter="
            + ODataLiteral.Escape("Warehouse eq " + ODataLiteral.String(delivery.Warehouse) + " and EWMOutboundDeliveryOrder eq " + ODataLiteral.String(delivery.DeliveryOrder));
        await foreach (var reference in _client.QueryV4Async(service, references, SapJsonContext.Default.ODataV4PageHandlingUnitReferenceRead, cancellationToken).ConfigureAwait(false))
        {
            if (reference.HandlingUnitExternalID is { Length: > 0 } id && !ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        var units = new List<HandlingUnitRead>();
        foreach (var chunk in ids.Chunk(20))
        {
            var query = SapServices.HandlingUnitSet
                + "?$select=HandlingUnitExternalID,Warehouse"
                + "&$filter=" + ODataLiteral.Escape("Warehouse eq " + ODataLiteral.String(delivery.Warehouse) + " and (" + string.Join(" or ", chunk.Select(id => "HandlingUnitExternalID eq " + ODataLiteral.String(id))) + ")")
                + "&$orderby=HandlingUnitExternalID"
                + "&$expand=" + ODataLiteral.Escape("_HandlingUnitItem($select=HandlingUnitExternalID,Warehouse,StockItemUUID,Material,Batch,HandlingUnitQuantity),_HandlingUnitAlternativeID($select=HandlingUnitExternalID,Warehouse,EWMHndlgUnitAltvIDType,EWMHndlgUnitAltvID)");
            await foreach (var unit in _client.QueryV4Async(service, query, SapJsonContext.Default.ODataV4PageHandlingUnitRead, cancellationToken).ConfigureAwait(false))
            {
                units.Add(unit);
            }
        }

        return units;
    }

    private static string SkuOf(string? product, string? batch, SapEwmOptions options) =>
        options.SkuIncludesBatch && !string.IsNullOrEmpty(batch) ? product + options.BatchSeparator + batch : product ?? string.Empty;

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

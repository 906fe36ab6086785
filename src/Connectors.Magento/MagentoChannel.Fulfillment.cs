using System.Globalization;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Fulfilment: <c>POST /V1/order/{id}/ship</c>, made idempotent by a marker in the shipment's comment.</summary>
public sealed partial class MagentoChannel
{
    private static readonly string[] KnownCarriers = ["ups", "usps", "fedex", "dhl"];

    /// <inheritdoc />
    /// <remarks>
    /// <para>Magento has no idempotency key, so the shipment's comment carries <c>[connectors:shipment:{key}]</c>; before
    /// creating, the order's shipments (<c>GET /V1/shipments</c> by <c>order_id</c>) are searched for it and a match is
    /// returned instead of a second shipment. The ship request is never retried by the HTTP pipeline (a lost answer must not
    /// ship twice): the failure is transient, and the caller's retry finds the marker.</para>
    /// <para>Lines are the order's lines (<see cref="GetOrderAsync"/>): a configurable line ships its parent item; a bundle
    /// component line ships the bundle's item, as a bundle shipped together does, for the whole bundles the quantity makes.
    /// Quantities over what is left to ship are refused with a <see cref="ConnectorValidationException"/>.</para>
    /// </remarks>
    public async Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = OrderIdArgument(request.ChannelOrderId, nameof(request.ChannelOrderId));
        var marker = ShipmentMarker(request.IdempotencyKey);
        var shipments = await ListShipmentsAsync(id, cancellationToken).ConfigureAwait(false);
        var order = await FindOrderAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorNotFoundException(PlatformName, $"order {id} does not exist; it cannot be shipped.");
        var existing = shipments.FirstOrDefault(s => s.Comments?.Any(c => c.Comment?.Contains(marker, StringComparison.Ordinal) == true) == true);
        if (existing is not null)
        {
            Log.ShipmentAlreadyRecorded(_logger, Name, request.IdempotencyKey, id, existing.EntityId);
            return ToFulfillment(order, existing);
        }

        var canonical = MagentoMapper.ToChannelOrder(Name, order);
        var items = order.Items ?? [];
        canonical.EnsureCanFulfill(request, AlreadyShipped(canonical, items));
        var shipItems = new Dictionary<long, decimal>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var requested = request.Lines[i];
            var line = canonical.FindLine(requested.LineId)!;
            if (line.Properties.TryGetValue("bundle_item_id", out var bundleText))
            {
                var bundleId = long.Parse(bundleText, CultureInfo.InvariantCulture);
                var bundle = items.First(it => it.ItemId == bundleId);
                var perBundle = line.Quantity / (bundle.QtyOrdered ?? 1);
                var bundles = requested.Quantity / perBundle;
                if (bundles != decimal.Truncate(bundles))
                {
                    throw new ConnectorValidationException(
                        $"Lines[{i}].Quantity", $"ships {requested.Quantity} of bundle component line {line.LineId}, which is not a whole number of bundles ({perBundle} per bundle); Magento ships a bundle as a whole.");
                }

                shipItems[bundleId] = Math.Max(shipItems.GetValueOrDefault(bundleId), bundles);
            }
            else
            {
                shipItems[long.Parse(line.LineId, CultureInfo.InvariantCulture)] = requested.Quantity;
            }
        }

        var tracks = request.Tracking.Select(t => Track(t, request.Carrier)).ToList();
        var body = new ShipOrderRequest
        {
            Items = shipItems.Select(kv => new ShipmentItem { OrderItemId = kv.Key, Qty = kv.Value }).ToList(),
            Notify = request.NotifyCustomer,
            AppendComment = true,
            Comment = new ShipmentComment { Comment = "Shipped by the warehouse. " + marker, IsVisibleOnFront = 0 },
            Tracks = tracks,
        };
        var shipmentId = await _client.SendAsync(HttpMethod.Post, $"order/{Id(id)}/ship", body, MagentoJsonContext.Default.ShipOrderRequest, MagentoJsonContext.Default.Int64, cancellationToken).ConfigureAwait(false);
        return new ChannelFulfillment
        {
            FulfillmentId = Id(shipmentId),
            ChannelOrderId = Id(id),
            Lines = request.Lines,
            Tracking = request.Tracking,
            IdempotencyKey = request.IdempotencyKey,
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default)
    {
        var id = OrderIdArgument(channelOrderId, nameof(channelOrderId));
        var order = await FindOrderAsync(id, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            return [];
        }

        var shipments = await ListShipmentsAsync(id, cancellationToken).ConfigureAwait(false);
        return shipments.Select(s => ToFulfillment(order, s)).ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the shipment (<c>GET /V1/shipment/{id}</c>) and adds each tracking number it does not carry yet with
    /// <c>POST /V1/shipment/track</c>; a number already there is not added again, so a repeated call adds nothing.
    /// </remarks>
    public async Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        if (!long.TryParse(fulfillmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var shipmentId) || shipmentId <= 0)
        {
            throw new ConnectorValidationException(nameof(fulfillmentId), $"'{fulfillmentId}' is not a Magento shipment id (a positive number).");
        }

        var shipment = await _client.GetAsync($"shipment/{Id(shipmentId)}", MagentoJsonContext.Default.Shipment, cancellationToken).ConfigureAwait(false);
        var present = (shipment.Tracks ?? []).Select(t => t.TrackNumber).ToHashSet(StringComparer.Ordinal);
        foreach (var info in tracking)
        {
            if (!present.Add(info.Number))
            {
                continue;
            }

            var track = Track(info, null);
            var body = new ShipmentTrackRequest
            {
                Entity = new ShipmentTrackEntity
                {
                    OrderId = shipment.OrderId, ParentId = shipmentId, Weight = 0, Qty = 0, Description = string.Empty,
                    TrackNumber = track.TrackNumber, Title = track.Title, CarrierCode = track.CarrierCode,
                },
            };
            await _client.SendAsync(HttpMethod.Post, "shipment/track", body, MagentoJsonContext.Default.ShipmentTrackRequest, MagentoJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<Shipment>> ListShipmentsAsync(long orderId, CancellationToken cancellationToken)
    {
        var criteria = new SearchCriteria { PageSize = _client.Options.PageSize }.Where("order_id", "eq", Id(orderId)).OrderBy("entity_id");
        var list = new List<Shipment>();
        await foreach (var shipment in _client.SearchAsync("shipments", criteria, MagentoJsonContext.Default.SearchResultShipment, cancellationToken).ConfigureAwait(false))
        {
            list.Add(shipment);
        }

        return list;
    }

    private ChannelFulfillment ToFulfillment(Order order, Shipment shipment)
    {
        var canonical = MagentoMapper.ToChannelOrder(Name, order);
        var lines = new List<FulfillmentLine>();
        foreach (var item in shipment.Items ?? [])
        {
            if (item.Qty <= 0)
            {
                continue;
            }

            if (canonical.FindLine(Id(item.OrderItemId)) is { } direct)
            {
                lines.Add(new FulfillmentLine(direct.LineId, (int)item.Qty));
                continue;
            }

            // A bundle's item: each component line ships its share.
            var bundleId = Id(item.OrderItemId);
            var bundleQty = (order.Items ?? []).FirstOrDefault(i => i.ItemId == item.OrderItemId)?.QtyOrdered ?? 1;
            foreach (var component in canonical.Lines.Where(l => l.Properties.TryGetValue("bundle_item_id", out var b) && b == bundleId))
            {
                lines.Add(new FulfillmentLine(component.LineId, (int)(component.Quantity / bundleQty * item.Qty)));
            }
        }

        var tracking = (shipment.Tracks ?? []).Where(t => !string.IsNullOrEmpty(t.TrackNumber)).Select(t => new TrackingInfo(t.TrackNumber!, carrier: t.Title ?? t.CarrierCode)).ToList();
        var key = (shipment.Comments ?? []).Select(c => MarkerKey(c.Comment)).FirstOrDefault(k => k is not null);
        return new ChannelFulfillment
        {
            FulfillmentId = Id(shipment.EntityId),
            ChannelOrderId = Id(order.EntityId),
            Lines = lines,
            Tracking = tracking,
            IdempotencyKey = key,
        };
    }

    private static Dictionary<string, int> AlreadyShipped(ChannelOrder canonical, List<OrderItem> items)
    {
        var shipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var byId = items.ToDictionary(i => Id(i.ItemId));
        foreach (var line in canonical.Lines)
        {
            var item = line.Properties.TryGetValue("bundle_item_id", out var bundleId) ? byId[bundleId] : byId[line.LineId];
            var done = item.QtyShipped ?? 0;
            if (item.ItemId.ToString(CultureInfo.InvariantCulture) != line.LineId)
            {
                done = done * line.Quantity / (item.QtyOrdered ?? 1); // a bundle component ships with its bundle
            }

            shipped[line.LineId] = (int)done;
        }

        return shipped;
    }

    private ShipmentTrack Track(TrackingInfo tracking, string? requestCarrier)
    {
        var carrier = tracking.Carrier ?? requestCarrier;
        var code = carrier is not null && KnownCarriers.Contains(carrier.Trim().ToLowerInvariant()) ? carrier.Trim().ToLowerInvariant() : _client.Options.DefaultCarrierCode;
        return new ShipmentTrack { TrackNumber = tracking.Number, CarrierCode = code, Title = carrier ?? "Carrier" };
    }

    private static string ShipmentMarker(string key) => $"[connectors:shipment:{key}]";

    private static string? MarkerKey(string? comment)
    {
        const string prefix = "[connectors:shipment:";
        var start = comment?.IndexOf(prefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var end = comment!.IndexOf(']', start + prefix.Length);
        return end < 0 ? null : comment[(start + prefix.Length)..end];
    }
}

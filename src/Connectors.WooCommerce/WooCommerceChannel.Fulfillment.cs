using System.Globalization;
using System.Text;
using System.Text.Json;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.WooCommerce;

/// <summary>
/// Fulfilment. WooCommerce core has no shipment object, so a shipment is recorded as: an order note with carrier,
/// tracking and a <c>[connectors:shipment:{id}]</c> marker (written first), then, in one order update, an entry in the
/// order meta <c>_connectors_shipments</c> (the commit marker and the source of <see cref="ListFulfillmentsAsync"/>),
/// optionally the Shipment Tracking extension's <c>_wc_shipment_tracking_items</c> meta, and the status
/// <c>completed</c> once every line has shipped. A shipment is listed only once all of it is written.
/// </summary>
public sealed partial class WooCommerceChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// Idempotent on <see cref="FulfillmentRequest.IdempotencyKey"/> (the WMS shipment id): a shipment already in the
    /// order meta writes nothing again (its note was written before the meta; a shipment half-written by an older
    /// version, meta without note, gets its note). A shipment whose note exists but whose meta write failed gets the
    /// meta only, never a second note. Two shipments of one order written at the
    /// same moment from two hosts can overwrite each other's meta (WooCommerce has no conditional update).
    /// </remarks>
    public async Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = _client.Options;
        var orderId = OrderIdArgument(request.ChannelOrderId, nameof(FulfillmentRequest.ChannelOrderId));
        var key = request.IdempotencyKey;
        var marker = Marker("shipment", key);
        var order = await _client.GetAsync($"orders/{orderId}", WooJsonContext.Default.WooOrder, cancellationToken).ConfigureAwait(false);
        var shipments = ReadShipments(order);
        var existing = shipments.Find(s => string.Equals(s.Id, key, StringComparison.Ordinal));
        if (existing is not null)
        {
            Log.ShipmentAlreadyRecorded(_logger, Name, key, orderId);
            if (!await HasNoteAsync(orderId, marker, cancellationToken).ConfigureAwait(false))
            {
                await AddNoteAsync(orderId, NoteText(existing, request.Carrier, marker), request.NotifyCustomer, cancellationToken).ConfigureAwait(false);
            }

            return ToFulfillment(orderId, existing);
        }

        var canonical = Map(order);
        var shipped = Shipped(shipments);
        canonical.EnsureCanFulfill(request, shipped);

        var record = new WooShipmentRecord
        {
            Id = key,
            Lines = request.Lines.ToDictionary(l => l.LineId, l => l.Quantity, StringComparer.Ordinal),
            Tracking = request.Tracking.Select(t => new WooTrackingRecord { Number = t.Number, Url = t.Url?.ToString(), Carrier = t.Carrier ?? request.Carrier }).ToList(),
            ShippedAt = Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        };
        shipments.Add(record);
        foreach (var line in request.Lines)
        {
            shipped[line.LineId] = shipped.GetValueOrDefault(line.LineId) + line.Quantity;
        }

        var fullyShipped = canonical.Lines.All(l => shipped.GetValueOrDefault(l.LineId) >= l.Quantity);
        var meta = new List<WooMetaWrite> { new() { Key = WooMapper.ShipmentsMetaKey, Value = ToElement(shipments, WooJsonContext.Default.ListWooShipmentRecord) } };
        if (options.WriteShipmentTrackingMeta && record.Tracking.Count > 0)
        {
            meta.Add(new() { Key = WooMapper.ShipmentTrackingMetaKey, Value = TrackingItems(order, record, replace: false) });
        }

        var complete = fullyShipped && options.CompleteWhenFullyShipped && order.Status is not ("completed" or "cancelled" or "refunded" or "failed");

        // The note first, the meta last: the meta entry is the commit marker that ListFulfillmentsAsync reports, so a
        // shipment is "on the channel" only once every part of it is written. A retry after a failed or lost meta write
        // finds the note by its marker and does not add it again.
        if (!await HasNoteAsync(orderId, marker, cancellationToken).ConfigureAwait(false))
        {
            await AddNoteAsync(orderId, NoteText(record, request.Carrier, marker), request.NotifyCustomer, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Log.ShipmentNoteAlreadyWritten(_logger, Name, key, orderId);
        }

        await UpdateOrderAsync(orderId, new WooOrderUpdate { MetaData = meta, Status = complete ? "completed" : null }, cancellationToken).ConfigureAwait(false);
        return ToFulfillment(orderId, record);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default)
    {
        var orderId = OrderIdArgument(channelOrderId, nameof(channelOrderId));
        var order = await _client.GetAsync($"orders/{orderId}", WooJsonContext.Default.WooOrder, cancellationToken).ConfigureAwait(false);
        return ReadShipments(order).Select(s => ToFulfillment(orderId, s)).ToList();
    }

    /// <inheritdoc />
    /// <remarks><paramref name="fulfillmentId"/> is <c>"{orderId}/{shipmentId}"</c> as returned by <see cref="CreateFulfillmentAsync"/>.</remarks>
    public async Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fulfillmentId);
        ArgumentNullException.ThrowIfNull(tracking);
        var slash = fulfillmentId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fulfillmentId.Length - 1)
        {
            throw new ConnectorValidationException(nameof(fulfillmentId), $"'{fulfillmentId}' is not a WooCommerce fulfilment id ('{{orderId}}/{{shipmentId}}').");
        }

        var orderId = OrderIdArgument(fulfillmentId[..slash], nameof(fulfillmentId));
        var key = fulfillmentId[(slash + 1)..];
        var order = await _client.GetAsync($"orders/{orderId}", WooJsonContext.Default.WooOrder, cancellationToken).ConfigureAwait(false);
        var shipments = ReadShipments(order);
        var index = shipments.FindIndex(s => string.Equals(s.Id, key, StringComparison.Ordinal));
        if (index < 0)
        {
            throw new ConnectorNotFoundException(PlatformName, $"order {orderId} has no shipment '{key}' recorded by this connector.");
        }

        var newTracking = tracking.Select(t => new WooTrackingRecord { Number = t.Number, Url = t.Url?.ToString(), Carrier = t.Carrier }).ToList();
        var old = shipments[index];
        if (old.Tracking.Select(t => (t.Number, t.Url, t.Carrier)).SequenceEqual(newTracking.Select(t => (t.Number, t.Url, t.Carrier))))
        {
            return;
        }

        var updated = new WooShipmentRecord { Id = old.Id, Lines = old.Lines, ShippedAt = old.ShippedAt, Tracking = newTracking };
        shipments[index] = updated;
        var meta = new List<WooMetaWrite> { new() { Key = WooMapper.ShipmentsMetaKey, Value = ToElement(shipments, WooJsonContext.Default.ListWooShipmentRecord) } };
        if (_client.Options.WriteShipmentTrackingMeta)
        {
            meta.Add(new() { Key = WooMapper.ShipmentTrackingMetaKey, Value = TrackingItems(order, updated, replace: true) });
        }

        // As for a new shipment: the note first (once, found by its marker on a retry), the meta last.
        var stamp = string.Join(',', newTracking.Select(t => t.Number));
        var trackingMarker = Marker("tracking", key + ":" + stamp);
        if (!await HasNoteAsync(orderId, trackingMarker, cancellationToken).ConfigureAwait(false))
        {
            await AddNoteAsync(orderId, NoteText(updated, null, trackingMarker, "Tracking updated"), false, cancellationToken).ConfigureAwait(false);
        }

        await UpdateOrderAsync(orderId, new WooOrderUpdate { MetaData = meta }, cancellationToken).ConfigureAwait(false);
    }

    private List<WooShipmentRecord> ReadShipments(WooOrder order)
    {
        try
        {
            return WooMapper.ReadShipments(order);
        }
        catch (WebhookOrParseException ex)
        {
            throw new MappingException(Name, Id(order.Id), null, ex.Path, ex.Reason);
        }
    }

    private static Dictionary<string, int> Shipped(List<WooShipmentRecord> shipments)
    {
        var shipped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, quantity) in shipments.SelectMany(s => s.Lines))
        {
            shipped[line] = shipped.GetValueOrDefault(line) + quantity;
        }

        return shipped;
    }

    private static ChannelFulfillment ToFulfillment(string orderId, WooShipmentRecord record) => new()
    {
        FulfillmentId = orderId + "/" + record.Id,
        ChannelOrderId = orderId,
        Lines = record.Lines.Select(l => new FulfillmentLine(l.Key, l.Value)).ToList(),
        Tracking = record.Tracking.Select(t => new TrackingInfo(t.Number, t.Url is null ? null : new Uri(t.Url), t.Carrier)).ToList(),
        IdempotencyKey = record.Id,
    };

    private static string NoteText(WooShipmentRecord record, string? carrier, string marker, string title = "Shipped")
    {
        var sb = new StringBuilder();
        var units = record.Lines.Values.Sum();
        sb.Append(CultureInfo.InvariantCulture, $"{title}: {units} item(s)");
        var carrierName = carrier ?? record.Tracking.Select(t => t.Carrier).FirstOrDefault(c => c is not null);
        if (carrierName is not null)
        {
            sb.Append(" via ").Append(carrierName);
        }

        foreach (var t in record.Tracking)
        {
            sb.Append("; tracking ").Append(t.Number);
            if (t.Url is not null)
            {
                sb.Append(' ').Append(t.Url);
            }
        }

        sb.Append(". ").Append(marker);
        return sb.ToString();
    }

    /// <summary>The Shipment Tracking extension's items: those already on the order (other shipments' kept) plus this shipment's.</summary>
    private JsonElement TrackingItems(WooOrder order, WooShipmentRecord record, bool replace)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            var prefix = record.Id + "-";
            foreach (var meta in order.MetaData)
            {
                if (meta.Key == WooMapper.ShipmentTrackingMetaKey && meta.Value is { ValueKind: JsonValueKind.Array } items)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        var trackingId = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("tracking_id", out var tid) && tid.ValueKind == JsonValueKind.String ? tid.GetString() : null;
                        if (!(replace && trackingId?.StartsWith(prefix, StringComparison.Ordinal) == true))
                        {
                            item.WriteTo(writer);
                        }
                    }
                }
            }

            var date = Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < record.Tracking.Count; i++)
            {
                var t = record.Tracking[i];
                JsonSerializer.Serialize(
                    writer,
                    new WooShipmentTrackingItem
                    {
                        TrackingProvider = string.Empty,
                        CustomTrackingProvider = t.Carrier ?? string.Empty,
                        CustomTrackingLink = t.Url ?? string.Empty,
                        TrackingNumber = t.Number,
                        DateShipped = date,
                        TrackingId = prefix + i.ToString(CultureInfo.InvariantCulture),
                    },
                    WooJsonContext.Default.WooShipmentTrackingItem);
            }

            writer.WriteEndArray();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}

using System.Runtime.CompilerServices;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    /// <summary>
    /// Creates a fulfilment from the order's open fulfilment orders (in fulfilment-service mode, only those assigned to
    /// the service). Idempotent on the request's key (the WMS shipment id): an order metafield
    /// <c>connectors.shipment_&lt;hash&gt;</c> holds "&lt;fulfillment id&gt; &lt;key&gt;", and a fulfilment with the same
    /// tracking numbers also counts as already created (covers a crash between create and marker).
    /// <see cref="ListFulfillmentsAsync"/> reads the key back from the markers, so reconciliation can match shipments.
    /// </summary>
    public async Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var orderId = ShopifyIds.Normalise(request.ChannelOrderId, ShopifyIds.Order)
            ?? throw new ConnectorValidationException(nameof(request.ChannelOrderId), $"'{request.ChannelOrderId}' is not an Order GID or numeric id.");
        var options = _client.Options;
        var markerKey = MarkerKey(request.IdempotencyKey);
        var order = await LoadFulfillmentOrdersAsync(orderId, markerKey, cancellationToken).ConfigureAwait(false);
        var existing = order.Fulfillments ?? [];

        if (ParseMarker(order.ShipmentMarker?.Value).FulfillmentId is { } markedId && existing.FirstOrDefault(f => f.Id == markedId) is { } marked)
        {
            Log.FulfillmentExists(_logger, Name, request.IdempotencyKey, marked.Id);
            return ToChannelFulfillment(orderId, marked, request.IdempotencyKey);
        }

        var numbers = request.Tracking.Select(t => t.Number).ToArray();
        if (numbers.Length > 0)
        {
            var same = existing.FirstOrDefault(f => f.Status != "CANCELLED" && f.TrackingInfo is { Count: > 0 } info
                && numbers.All(n => info.Any(t => string.Equals(t.Number, n, StringComparison.OrdinalIgnoreCase))));
            if (same is not null)
            {
                Log.FulfillmentExists(_logger, Name, request.IdempotencyKey, same.Id);
                await WriteMarkerAsync(orderId, options, markerKey, same.Id, request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                return ToChannelFulfillment(orderId, same, request.IdempotencyKey);
            }
        }

        var serviceLocation = options.FulfillmentServiceMode ? await ServiceLocationAsync(cancellationToken).ConfigureAwait(false) : null;
        var byFulfillmentOrder = Allocate(request, order, serviceLocation);
        var tracking = Tracking(request.Tracking, request.Carrier);
        var data = await _client.SendAsync(
            GraphDocuments.FulfillmentCreate,
            new FulfillmentCreateVariables(new FulfillmentInput(byFulfillmentOrder, request.NotifyCustomer, tracking), null),
            ShopifyJsonContext.Default.FulfillmentCreateVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentCreateData,
            cancellationToken).ConfigureAwait(false);
        ThrowOnUserErrors(data.FulfillmentCreate?.UserErrors, "fulfillment");
        var created = data.FulfillmentCreate?.Fulfillment
            ?? throw new ShopifyGraphQLException(GraphDocuments.FulfillmentCreate, "no fulfillment returned.", null, null, null, isTransient: true);
        await WriteMarkerAsync(orderId, options, markerKey, created.Id, request.IdempotencyKey, cancellationToken).ConfigureAwait(false);
        return new ChannelFulfillment(created.Id, orderId, request.Lines, request.Tracking, request.IdempotencyKey);
    }

    private static List<FulfillmentOrderLineItemsInput> Allocate(FulfillmentRequest request, FulfillmentOrdersOrder order, string? location)
    {
        var open = (order.FulfillmentOrders?.Nodes ?? [])
            .Where(f => f.Status is "OPEN" or "IN_PROGRESS" or "SCHEDULED")
            .Where(f => location is null || f.AssignedLocation?.Location?.Id == location)
            .ToList();
        var remaining = open.SelectMany(f => (f.LineItems?.Nodes ?? []).Select(l => (Fo: f.Id, Line: l)))
            .ToDictionary(x => x.Line.Id, x => x.Line.RemainingQuantity, StringComparer.Ordinal);
        var byFo = new Dictionary<string, List<FulfillmentOrderLineItemInput>>(StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var wanted = request.Lines[i].Quantity;
            foreach (var fo in open)
            {
                foreach (var line in fo.LineItems?.Nodes ?? [])
                {
                    if (wanted == 0 || line.LineItem?.Id != request.Lines[i].LineId || remaining[line.Id] <= 0)
                    {
                        continue;
                    }

                    var take = Math.Min(wanted, remaining[line.Id]);
                    remaining[line.Id] -= take;
                    wanted -= take;
                    if (!byFo.TryGetValue(fo.Id, out var list))
                    {
                        byFo[fo.Id] = list = [];
                    }

                    list.Add(new FulfillmentOrderLineItemInput(line.Id, take));
                }
            }

            if (wanted > 0)
            {
                errors.Add(new ValidationError($"Lines[{i}].Quantity", $"ships {request.Lines[i].Quantity} of line {request.Lines[i].LineId} but only {request.Lines[i].Quantity - wanted} remain unfulfilled on open fulfilment orders."));
            }
        }

        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(errors);
        }

        return byFo.Select(p => new FulfillmentOrderLineItemsInput(p.Key, p.Value)).ToList();
    }

    private static FulfillmentTrackingInput? Tracking(IReadOnlyList<TrackingInfo> tracking, string? carrier)
    {
        if (tracking.Count == 0 && carrier is null)
        {
            return null;
        }

        var urls = tracking.All(t => t.Url is not null) && tracking.Count > 0 ? tracking.Select(t => t.Url!.AbsoluteUri).ToArray() : null;
        return new FulfillmentTrackingInput(carrier ?? tracking.FirstOrDefault(t => t.Carrier is not null)?.Carrier, tracking.Select(t => t.Number).ToArray(), urls);
    }

    private async Task WriteMarkerAsync(string orderId, ShopifyOptions options, string markerKey, string fulfillmentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        // Single-line text: a key with line breaks keeps its first line only (a GID never holds a space).
        var key = idempotencyKey.ReplaceLineEndings(" ");
        var data = await _client.SendAsync(
            GraphDocuments.MetafieldsSet,
            new MetafieldsSetVariables([new MetafieldsSetInput(orderId, options.AcknowledgementMetafieldNamespace, markerKey, "single_line_text_field", fulfillmentId + " " + key)]),
            ShopifyJsonContext.Default.MetafieldsSetVariables,
            ShopifyJsonContext.Default.GraphResponseMetafieldsSetData,
            cancellationToken).ConfigureAwait(false);
        ThrowOnUserErrors(data.MetafieldsSet?.UserErrors, "metafields");
    }

    /// <summary>The order's fulfilment orders (every line, paged), fulfilments and shipment markers.</summary>
    private async Task<FulfillmentOrdersOrder> LoadFulfillmentOrdersAsync(string orderId, string markerKey, CancellationToken cancellationToken)
    {
        // The lines read per fulfilment order come from the cost limit (five fulfilment orders of 100 lines each would
        // request ~1,800 points, far above Shopify's 1,000); the rest of a longer one is paged below.
        var (data, _) = await _client.SendPageAsync(
            GraphDocuments.FulfillmentOrders,
            n => new FulfillmentOrdersVariables(orderId, FulfillmentOrdersFirst, n, FulfillmentsFirst, FulfillmentLinesFirst, _client.Options.AcknowledgementMetafieldNamespace, markerKey, MarkersFirst),
            ShopifyJsonContext.Default.FulfillmentOrdersVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentOrdersData,
            _client.Options.OrderLinesPageSize,
            cancellationToken).ConfigureAwait(false);
        var order = data.Order ?? throw new ConnectorNotFoundException(ShopifyChannelDefaults.Platform, $"Order {orderId} was not found on channel '{Name}'.");
        if (order.FulfillmentOrders?.Nodes is { } nodes && nodes.Any(f => f.LineItems?.PageInfo is { HasNextPage: true }))
        {
            var complete = new List<FulfillmentOrderNode>(nodes.Count);
            foreach (var node in nodes)
            {
                complete.Add(await WithAllLinesAsync(node, cancellationToken).ConfigureAwait(false));
            }

            order = order with { FulfillmentOrders = order.FulfillmentOrders with { Nodes = complete } };
        }

        // Order.fulfillments is a list read up to FulfillmentsFirst; each one's lines are paged, and a fulfilment a
        // shipment marker names that is not among them (a busy order) is looked up by its id, so the look-before-resend
        // and the reconciliation see every fulfilment this connector created.
        var fulfillments = new List<FulfillmentNode>();
        foreach (var fulfillment in order.Fulfillments ?? [])
        {
            fulfillments.Add(await WithAllFulfillmentLinesAsync(fulfillment, cancellationToken).ConfigureAwait(false));
        }

        var markedIds = (order.ShipmentMarkers?.Nodes ?? []).Select(m => ParseMarker(m.Value).FulfillmentId)
            .Append(ParseMarker(order.ShipmentMarker?.Value).FulfillmentId)
            .OfType<string>()
            .Where(id => id.StartsWith("gid://shopify/Fulfillment/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Where(id => fulfillments.All(f => f.Id != id))
            .ToArray();
        foreach (var id in markedIds)
        {
            if (await FulfillmentByIdAsync(id, cancellationToken).ConfigureAwait(false) is { } found)
            {
                fulfillments.Add(found);
            }
        }

        return order with { Fulfillments = fulfillments };
    }

    private async Task<FulfillmentNode?> FulfillmentByIdAsync(string id, CancellationToken cancellationToken)
    {
        var (data, _) = await _client.SendPageAsync(
            GraphDocuments.Fulfillment,
            n => new FulfillmentVariables(id, n, null),
            ShopifyJsonContext.Default.FulfillmentVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentData,
            250,
            cancellationToken).ConfigureAwait(false);
        return data.Fulfillment is { } fulfillment ? await WithAllFulfillmentLinesAsync(fulfillment, cancellationToken).ConfigureAwait(false) : null;
    }

    private async Task<FulfillmentNode> WithAllFulfillmentLinesAsync(FulfillmentNode fulfillment, CancellationToken cancellationToken)
    {
        if (fulfillment.FulfillmentLineItems?.PageInfo is not { HasNextPage: true })
        {
            return fulfillment;
        }

        var lines = await AllNodesAsync(
            fulfillment.FulfillmentLineItems,
            GraphDocuments.Fulfillment,
            $"fulfillment {fulfillment.Id}",
            (n, after) => new FulfillmentVariables(fulfillment.Id, n, after),
            ShopifyJsonContext.Default.FulfillmentVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentData,
            static data => data.Fulfillment?.FulfillmentLineItems,
            cancellationToken).ConfigureAwait(false);
        return fulfillment with { FulfillmentLineItems = new Connection<FulfillmentLineNode>(null, lines) };
    }

    /// <summary>Splits a marker value "&lt;fulfillment id&gt; &lt;key&gt;" (older markers hold the id alone).</summary>
    internal static (string? FulfillmentId, string? Key) ParseMarker(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return (null, null);
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (value, null) : (value[..space], value[(space + 1)..]);
    }

    public async Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default)
    {
        var orderId = ShopifyIds.Normalise(channelOrderId, ShopifyIds.Order)
            ?? throw new ConnectorValidationException(nameof(channelOrderId), $"'{channelOrderId}' is not an Order GID or numeric id.");
        var order = await LoadFulfillmentOrdersAsync(orderId, "shipment_none", cancellationToken).ConfigureAwait(false);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var marker in order.ShipmentMarkers?.Nodes ?? [])
        {
            if (marker.Key is { } key && key.StartsWith(ShipmentMarkerPrefix, StringComparison.Ordinal)
                && ParseMarker(marker.Value) is { FulfillmentId: { } fulfillmentId, Key: { } shipmentKey }
                && MarkerKey(shipmentKey) == key)
            {
                keys[fulfillmentId] = shipmentKey;
            }
        }

        return (order.Fulfillments ?? []).Select(f => ToChannelFulfillment(orderId, f, keys.GetValueOrDefault(f.Id))).ToArray();
    }

    public async Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        var id = ShopifyIds.Normalise(fulfillmentId, ShopifyIds.Fulfillment)
            ?? throw new ConnectorValidationException(nameof(fulfillmentId), $"'{fulfillmentId}' is not a Fulfillment GID or numeric id.");
        var input = Tracking(tracking, null) ?? new FulfillmentTrackingInput(null, [], null);
        var data = await _client.SendAsync(
            GraphDocuments.FulfillmentTrackingInfoUpdate,
            new FulfillmentTrackingInfoUpdateVariables(id, input, false),
            ShopifyJsonContext.Default.FulfillmentTrackingInfoUpdateVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentTrackingInfoUpdateData,
            cancellationToken).ConfigureAwait(false);
        ThrowOnUserErrors(data.FulfillmentTrackingInfoUpdate?.UserErrors, "trackingInfoInput");
    }

    private static ChannelFulfillment ToChannelFulfillment(string orderId, FulfillmentNode fulfillment, string? key)
    {
        var lines = (fulfillment.FulfillmentLineItems?.Nodes ?? [])
            .Where(l => l.LineItem is not null && l.Quantity > 0)
            .GroupBy(l => l.LineItem!.Id, StringComparer.Ordinal)
            .Select(g => new FulfillmentLine(g.Key, g.Sum(l => l.Quantity)))
            .ToArray();
        var tracking = (fulfillment.TrackingInfo ?? [])
            .Where(t => !string.IsNullOrEmpty(t.Number))
            .Select(t => new TrackingInfo(t.Number!, Uri.TryCreate(t.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null, t.Company))
            .ToArray();
        return new ChannelFulfillment(fulfillment.Id, orderId, lines, tracking, key);
    }
}

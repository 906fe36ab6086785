using System.Runtime.CompilerServices;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    /// <summary>
    /// Creates a fulfilment from the fulfilment orders of one location that Shopify lets be fulfilled, opening scheduled
    /// ones first (see <see cref="Allocate"/>; in fulfilment-service mode, only those assigned to the service). Idempotent on the request's key (the WMS shipment id): an order metafield
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
        if (serviceLocation is null && options.MoveFulfillmentOrders && PlanMoves(request, order) is { Count: > 0 } moves)
        {
            // A retry after a move finds the units at the shipping location already and moves nothing.
            await MoveAsync(request, moves, cancellationToken).ConfigureAwait(false);
            order = await LoadFulfillmentOrdersAsync(orderId, markerKey, cancellationToken).ConfigureAwait(false);
        }

        if (serviceLocation is not null && (order.FulfillmentOrders?.Nodes ?? []).Any(f => f.RequestStatus == "SUBMITTED" && LocationOf(f) == serviceLocation))
        {
            // A request still pending on an order the WMS ships from: the rest of a fulfilment order the service closed
            // as incomplete, asked for again. The engine does not answer it (it is no change of the order the WMS has),
            // and Shopify lets the service fulfil only accepted requests; the WMS shipping is its acceptance.
            await AnswerFulfillmentRequestsAsync(orderId, accept: true, "Shipped by the warehouse.", cancellationToken).ConfigureAwait(false);
            order = await LoadFulfillmentOrdersAsync(orderId, markerKey, cancellationToken).ConfigureAwait(false);
        }

        var (byFulfillmentOrder, toOpen) = Allocate(request, order, serviceLocation);
        await OpenScheduledAsync(toOpen, cancellationToken).ConfigureAwait(false);
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
        return new ChannelFulfillment
        {
            FulfillmentId = created.Id,
            ChannelOrderId = orderId,
            Lines = request.Lines,
            Tracking = request.Tracking,
            IdempotencyKey = request.IdempotencyKey,
        };
    }

    /// <summary>
    /// Picks the fulfilment orders a shipment fulfils. <c>fulfillmentCreate</c> takes fulfilment orders of one location
    /// (schema: "The fulfillment orders are associated with the same order and are assigned to the same location"), and
    /// only those whose <c>supportedActions</c> hold <c>CREATE_FULFILLMENT</c>; a SCHEDULED one offers
    /// <c>MARK_AS_OPEN</c> instead and is returned in <c>ToOpen</c>, to be opened first (the WMS shipped early). ON_HOLD,
    /// closed and cancelled ones are never used. With <see cref="FulfillmentRequest.ChannelLocationIds"/> only
    /// fulfilment orders at those locations count; otherwise the first location that can take every line.
    /// </summary>
    /// <exception cref="ConnectorValidationException">A location id is malformed, a line has fewer units left to fulfil
    /// than shipped (at the locations it may come from), or the lines are spread over fulfilment orders of several
    /// locations, which one fulfilment cannot hold.</exception>
    internal static (List<FulfillmentOrderLineItemsInput> Groups, List<string> ToOpen) Allocate(FulfillmentRequest request, FulfillmentOrdersOrder order, string? serviceLocation)
    {
        var shipFrom = ShipFrom(request);

        var usable = (order.FulfillmentOrders?.Nodes ?? [])
            .Where(f => CanFulfill(f) || CanOpen(f))
            .Where(f => serviceLocation is null || LocationOf(f) == serviceLocation)
            .Where(f => shipFrom.Count == 0 || shipFrom.Contains(LocationOf(f), StringComparer.Ordinal))
            .ToList();

        // Fulfillable ones first, so a scheduled fulfilment order is opened only for what the open ones cannot take.
        foreach (var location in usable.GroupBy(LocationOf, StringComparer.Ordinal))
        {
            var candidates = location.OrderBy(f => CanFulfill(f) ? 0 : 1).ToList();
            if (Distribute(request, candidates, out var byFo).Count == 0)
            {
                return (
                    [.. byFo.Select(p => new FulfillmentOrderLineItemsInput(p.Key, p.Value))],
                    [.. candidates.Where(f => !CanFulfill(f) && byFo.ContainsKey(f.Id)).Select(f => f.Id)]);
            }
        }

        var where = shipFrom.Count == 0 ? string.Empty : $" at {string.Join(" or ", shipFrom)}";
        var shortfalls = Distribute(request, usable, out var spread);
        if (shortfalls.Count > 0)
        {
            throw new ConnectorValidationException([.. shortfalls.Select(s => new ValidationError(
                $"Lines[{s.Index}].Quantity",
                $"ships {request.Lines[s.Index].Quantity} of line {request.Lines[s.Index].LineId} but only {request.Lines[s.Index].Quantity - s.Missing} remain to fulfil on fulfilment orders that can be fulfilled{where}"
                + (shipFrom.Count == 0 ? "." : "; fulfilment orders of other locations are moved there only with ShopifyOptions.MoveFulfillmentOrders, and only when they support MOVE.")))]);
        }

        var locations = usable.Where(f => spread.ContainsKey(f.Id)).Select(LocationOf).Distinct(StringComparer.Ordinal).ToArray();
        throw new ConnectorValidationException(
            nameof(request.Lines),
            $"are assigned to fulfilment orders of {locations.Length} locations ({string.Join(", ", locations)}){where}, and Shopify refuses a fulfilment that mixes them "
            + "(\"All fulfillment orders in a fulfillment must be assigned to the same location.\"): split the shipment per location or name the warehouse it left from (WarehouseShipment.WarehouseLocation).");
    }

    /// <summary>The locations the shipment left from, as Location GIDs.</summary>
    /// <exception cref="ConnectorValidationException">A location id is malformed.</exception>
    private static List<string> ShipFrom(FulfillmentRequest request)
    {
        var shipFrom = new List<string>(request.ChannelLocationIds.Count);
        for (var i = 0; i < request.ChannelLocationIds.Count; i++)
        {
            shipFrom.Add(ShopifyIds.Normalise(request.ChannelLocationIds[i], ShopifyIds.Location)
                ?? throw new ConnectorValidationException($"ChannelLocationIds[{i}]", $"'{request.ChannelLocationIds[i]}' is not a Location GID or numeric id."));
        }

        return shipFrom;
    }

    /// <summary>
    /// The units to move to the location the shipment left from (the first of its channel locations) so that location
    /// can fulfil it: what its own fulfilment orders cannot take, from fulfilment orders elsewhere whose
    /// <c>supportedActions</c> include <c>MOVE</c>. Empty when nothing needs moving, when the shipment names no location,
    /// or when even moving could not cover it (then <see cref="Allocate"/> refuses it with its error).
    /// </summary>
    internal static List<(string FulfillmentOrderId, string LocationId, List<FulfillmentOrderLineItemInput> Lines)> PlanMoves(FulfillmentRequest request, FulfillmentOrdersOrder order)
    {
        var shipFrom = ShipFrom(request);
        if (shipFrom.Count == 0)
        {
            return [];
        }

        var nodes = order.FulfillmentOrders?.Nodes ?? [];
        var here = nodes.Where(f => (CanFulfill(f) || CanOpen(f)) && shipFrom.Contains(LocationOf(f), StringComparer.Ordinal)).ToList();
        var movable = nodes.Where(f => !shipFrom.Contains(LocationOf(f), StringComparer.Ordinal) && f.SupportedActions?.Any(a => a.Action == "MOVE") == true).ToList();
        var left = here.Concat(movable).SelectMany(f => f.LineItems?.Nodes ?? []).ToDictionary(l => l.Id, l => l.RemainingQuantity, StringComparer.Ordinal);
        var plan = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var wanted in request.Lines)
        {
            var quantity = wanted.Quantity;
            quantity -= Take(here, wanted.LineId, quantity, null);
            quantity -= Take(movable, wanted.LineId, quantity, plan);
            if (quantity > 0)
            {
                return [];
            }
        }

        return [.. plan.Select(p => (p.Key, shipFrom[0], p.Value.Select(l => new FulfillmentOrderLineItemInput(l.Key, l.Value)).ToList()))];

        int Take(List<FulfillmentOrderNode> from, string lineId, int quantity, Dictionary<string, Dictionary<string, int>>? record)
        {
            var taken = 0;
            foreach (var fo in from)
            {
                foreach (var line in fo.LineItems?.Nodes ?? [])
                {
                    if (taken == quantity || line.LineItem?.Id != lineId || left[line.Id] <= 0)
                    {
                        continue;
                    }

                    var take = Math.Min(quantity - taken, left[line.Id]);
                    left[line.Id] -= take;
                    taken += take;
                    if (record is not null)
                    {
                        var lines = record.TryGetValue(fo.Id, out var existing) ? existing : record[fo.Id] = new Dictionary<string, int>(StringComparer.Ordinal);
                        lines[line.Id] = lines.GetValueOrDefault(line.Id) + take;
                    }
                }
            }

            return taken;
        }
    }

    /// <summary>
    /// Moves the planned units with <c>fulfillmentOrderMove</c> ("Changes the location which is assigned to fulfill a
    /// number of unfulfilled fulfillment order line items"); the moved units may land on a new fulfilment order, which
    /// is why the caller reads the fulfilment orders again. A refusal is a validation error naming it.
    /// </summary>
    private async Task MoveAsync(FulfillmentRequest request, List<(string FulfillmentOrderId, string LocationId, List<FulfillmentOrderLineItemInput> Lines)> moves, CancellationToken cancellationToken)
    {
        foreach (var (fulfillmentOrderId, location, lines) in moves)
        {
            var data = await _client.SendAsync(
                GraphDocuments.FulfillmentOrderMove,
                new FulfillmentOrderMoveVariables(fulfillmentOrderId, location, lines),
                ShopifyJsonContext.Default.FulfillmentOrderMoveVariables,
                ShopifyJsonContext.Default.GraphResponseFulfillmentOrderMoveData,
                cancellationToken).ConfigureAwait(false);
            ThrowOnUserErrors(data.FulfillmentOrderMove?.UserErrors, "fulfillmentOrderMove");
            var units = 0;
            foreach (var line in lines)
            {
                units += line.Quantity;
            }

            Log.FulfillmentOrderMoved(_logger, Name, fulfillmentOrderId, units, location, data.FulfillmentOrderMove?.MovedFulfillmentOrder?.Id ?? "?", request.IdempotencyKey);
        }
    }

    private static string LocationOf(FulfillmentOrderNode f) => f.AssignedLocation?.Location?.Id ?? string.Empty;

    /// <summary>Whether a fulfilment can be created from the fulfilment order now (older answers without <c>supportedActions</c>: by status).</summary>
    private static bool CanFulfill(FulfillmentOrderNode fo) =>
        fo.SupportedActions is { } actions ? actions.Any(a => a.Action == "CREATE_FULFILLMENT") : fo.Status is "OPEN" or "IN_PROGRESS";

    /// <summary>Whether the fulfilment order is scheduled and can be marked as open (then fulfilled).</summary>
    private static bool CanOpen(FulfillmentOrderNode fo) =>
        fo.Status == "SCHEDULED" && fo.SupportedActions is { } actions && actions.Any(a => a.Action == "MARK_AS_OPEN");

    /// <summary>Spreads the request's lines over the fulfilment orders in order; returns the lines that do not fit (index, units missing).</summary>
    private static List<(int Index, int Missing)> Distribute(FulfillmentRequest request, List<FulfillmentOrderNode> fulfillmentOrders, out Dictionary<string, List<FulfillmentOrderLineItemInput>> byFo)
    {
        var remaining = fulfillmentOrders.SelectMany(f => f.LineItems?.Nodes ?? [])
            .ToDictionary(l => l.Id, l => l.RemainingQuantity, StringComparer.Ordinal);
        byFo = new Dictionary<string, List<FulfillmentOrderLineItemInput>>(StringComparer.Ordinal);
        var missing = new List<(int Index, int Missing)>();
        for (var i = 0; i < request.Lines.Count; i++)
        {
            var wanted = request.Lines[i].Quantity;
            foreach (var fo in fulfillmentOrders)
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
                missing.Add((i, wanted));
            }
        }

        return missing;
    }

    /// <summary>
    /// Marks scheduled fulfilment orders as open (<c>fulfillmentOrderOpen</c>: "Marks a scheduled fulfillment order as
    /// open."). A refusal is not final here: a repeated call finds the order already open, and <c>fulfillmentCreate</c>
    /// refuses if it is still not fulfillable.
    /// </summary>
    private async Task OpenScheduledAsync(IReadOnlyList<string> fulfillmentOrderIds, CancellationToken cancellationToken)
    {
        foreach (var id in fulfillmentOrderIds)
        {
            var data = await _client.SendAsync(
                GraphDocuments.FulfillmentOrderOpen,
                new FulfillmentOrderOpenVariables(id),
                ShopifyJsonContext.Default.FulfillmentOrderOpenVariables,
                ShopifyJsonContext.Default.GraphResponseFulfillmentOrderOpenData,
                cancellationToken).ConfigureAwait(false);
            if (data.FulfillmentOrderOpen?.UserErrors is { Count: > 0 } errors)
            {
                Log.FulfillmentOrderNotOpened(_logger, Name, id, errors[0].Message ?? "refused");
            }
        }
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

        // An order split or moved over many locations has more fulfilment orders than the first page: read the rest
        // with the same query from the cursor (its other selections are small), so allocation sees every one.
        if (order.FulfillmentOrders?.PageInfo is { HasNextPage: true, EndCursor: { } firstCursor })
        {
            var all = new List<FulfillmentOrderNode>(NonNullNodes(order.FulfillmentOrders.Nodes, GraphDocuments.FulfillmentOrders));
            string? after = firstCursor;
            while (after is not null)
            {
                var cursor = after;
                var (next, _) = await _client.SendPageAsync(
                    GraphDocuments.FulfillmentOrders,
                    n => new FulfillmentOrdersVariables(orderId, FulfillmentOrdersFirst, n, FulfillmentsFirst, FulfillmentLinesFirst, _client.Options.AcknowledgementMetafieldNamespace, markerKey, MarkersFirst, cursor),
                    ShopifyJsonContext.Default.FulfillmentOrdersVariables,
                    ShopifyJsonContext.Default.GraphResponseFulfillmentOrdersData,
                    _client.Options.OrderLinesPageSize,
                    cancellationToken).ConfigureAwait(false);
                var page = next.Order?.FulfillmentOrders
                    ?? throw new ShopifyGraphQLException(GraphDocuments.FulfillmentOrders, $"order {orderId} returned no fulfilment orders on a later page.", null, null, null, isTransient: true);
                all.AddRange(NonNullNodes(page.Nodes, GraphDocuments.FulfillmentOrders));
                after = page.PageInfo is { HasNextPage: true } info ? info.EndCursor : null;
            }

            order = order with { FulfillmentOrders = new Connection<FulfillmentOrderNode>(null, all) };
        }

        if (order.FulfillmentOrders?.Nodes is { } nodes && nodes.Any(f => f.LineItems?.PageInfo is { HasNextPage: true }))
        {
            var complete = new List<FulfillmentOrderNode>(nodes.Count);
            foreach (var node in nodes)
            {
                complete.Add(await WithAllLinesAsync(node, cancellationToken).ConfigureAwait(false));
            }

            order = order with { FulfillmentOrders = order.FulfillmentOrders with { Nodes = complete } };
        }

        // More shipment markers than the first page (an order shipped in many parts): the rest are read on from the cursor.
        if (order.ShipmentMarkers?.PageInfo is { HasNextPage: true })
        {
            var markers = await AllNodesAsync(
                order.ShipmentMarkers,
                GraphDocuments.OrderMetafields,
                $"order {orderId}",
                (n, after) => new OrderMetafieldsVariables(orderId, _client.Options.AcknowledgementMetafieldNamespace, n, after),
                ShopifyJsonContext.Default.OrderMetafieldsVariables,
                ShopifyJsonContext.Default.GraphResponseOrderMetafieldsData,
                static data => data.Order?.ShipmentMarkers,
                cancellationToken).ConfigureAwait(false);
            order = order with { ShipmentMarkers = new Connection<MetafieldNode>(null, markers) };
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

    /// <summary>The fulfilments this connector created on the order: those its shipment markers name.</summary>
    private static HashSet<string> ConnectorFulfillmentIds(FulfillmentOrdersOrder order)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var marker in order.ShipmentMarkers?.Nodes ?? [])
        {
            if (marker.Key is { } key && key.StartsWith(ShipmentMarkerPrefix, StringComparison.Ordinal) && ParseMarker(marker.Value).FulfillmentId is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
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
        return new ChannelFulfillment
        {
            FulfillmentId = fulfillment.Id,
            ChannelOrderId = orderId,
            Lines = lines,
            Tracking = tracking,
            IdempotencyKey = key,
        };
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Fulfilment-service mode: the service's location, its fulfilment and cancellation requests as the order path, and
/// the answers (accept or reject) the acknowledgement and the WMS's decisions drive.
/// </summary>
internal sealed partial class ShopifyChannel
{
    private const string FulfillmentRequested = "FULFILLMENT_REQUESTED";
    private const string CancellationRequested = "CANCELLATION_REQUESTED";

    private static readonly HashSet<string> ServiceRequestStatuses = new(StringComparer.Ordinal)
    {
        "SUBMITTED", "ACCEPTED", "CANCELLATION_REQUESTED", "CANCELLATION_ACCEPTED", "CANCELLATION_REJECTED", "CLOSED",
    };

    private readonly Lock _serviceLock = new();
    private Task<ShopifyFulfillmentService>? _service;

    /// <summary>Finds or creates the service once; concurrent callers share the lookup, and a failed one is tried again next time.</summary>
    public Task<ShopifyFulfillmentService> EnsureFulfillmentServiceAsync(CancellationToken cancellationToken = default)
    {
        Task<ShopifyFulfillmentService> task;
        lock (_serviceLock)
        {
            if (_service is null || _service.IsFaulted || _service.IsCanceled)
            {
                _service = FindOrCreateServiceAsync();
            }

            task = _service;
        }

        return task.WaitAsync(cancellationToken);
    }

    private async Task<ShopifyFulfillmentService> FindOrCreateServiceAsync()
    {
        // Not tied to one caller's token: the lookup is shared; each caller stops waiting on its own token.
        var cancellationToken = CancellationToken.None;
        var options = _client.Options;
        var name = options.FulfillmentServiceName;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ConnectorValidationException(nameof(ShopifyOptions.FulfillmentServiceName), "is required to find or create the fulfilment service.");
        }

        var listed = await _client.SendAsync(
            GraphDocuments.FulfillmentServices,
            new EmptyVariables(),
            ShopifyJsonContext.Default.EmptyVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentServicesData,
            cancellationToken).ConfigureAwait(false);
        var found = listed.Shop?.FulfillmentServices?.FirstOrDefault(s => string.Equals(s.ServiceName, name, StringComparison.OrdinalIgnoreCase));
        var created = false;
        if (found is null)
        {
            var data = await _client.SendAsync(
                GraphDocuments.FulfillmentServiceCreate,
                new FulfillmentServiceCreateVariables(name, options.FulfillmentServiceCallbackUrl?.AbsoluteUri, InventoryManagement: true, TrackingSupport: true),
                ShopifyJsonContext.Default.FulfillmentServiceCreateVariables,
                ShopifyJsonContext.Default.GraphResponseFulfillmentServiceCreateData,
                cancellationToken).ConfigureAwait(false);
            ThrowOnUserErrors(data.FulfillmentServiceCreate?.UserErrors, "name");
            found = data.FulfillmentServiceCreate?.FulfillmentService
                ?? throw new ShopifyGraphQLException(GraphDocuments.FulfillmentServiceCreate, "no fulfillment service returned.", null, null, null, isTransient: true);
            created = true;
        }

        var location = found.Location?.Id
            ?? throw new ConnectorException($"The fulfilment service '{name}' of channel '{Name}' has no location.");
        var service = new ShopifyFulfillmentService
        {
            Id = found.Id,
            Name = found.ServiceName ?? name,
            LocationId = location,
        };
        Log.FulfillmentServiceReady(_logger, Name, service.Name, location, created ? "created" : "found");
        return service;
    }

    /// <summary>The service's Location GID: configured, or found/created once and remembered.</summary>
    private async ValueTask<string> ServiceLocationAsync(CancellationToken cancellationToken)
    {
        if (_client.Options.FulfillmentServiceLocationId is { Length: > 0 } configured
            && ShopifyIds.Normalise(configured, ShopifyIds.Location) is { } location)
        {
            return location;
        }

        return (await EnsureFulfillmentServiceAsync(cancellationToken).ConfigureAwait(false)).LocationId;
    }

    /// <summary>
    /// The orders with a fulfilment request (then a cancellation request) for the service's location, from
    /// <c>assignedFulfillmentOrders</c>. Each order holds only the lines of the service's fulfilment orders; a
    /// cancellation request makes it a cancelled order. Every pending request is listed on every poll (the engine
    /// de-duplicates by version), so nothing depends on a time cursor.
    /// </summary>
    /// <remarks>
    /// The listing is in fulfilment-order id order, and an order's fulfilment orders are not next to each other: one
    /// split or moved later gets a later id, behind other orders' fulfilment orders and possibly on a later page. So the
    /// requests of one status are read whole and grouped by order id before any order is emitted; otherwise one order
    /// would be emitted twice, each time with part of its lines. The pending requests are what the WMS has not yet
    /// accepted, so the buffer is small.
    /// </remarks>
    private async IAsyncEnumerable<OrderListingEntry> ListFulfillmentRequestsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = _client.Options;
        var location = await ServiceLocationAsync(cancellationToken).ConfigureAwait(false);
        foreach (var status in (string[])[FulfillmentRequested, CancellationRequested])
        {
            string? after = null;
            var byOrder = new Dictionary<string, (OrderNode Order, List<FulfillmentOrderNode> Ours)>(StringComparer.Ordinal);
            var order = new List<string>();
            do
            {
                var cursor = after;
                var (data, _) = await _client.SendPageAsync(
                    GraphDocuments.AssignedFulfillmentOrders,
                    n => new AssignedFulfillmentOrdersVariables(n, cursor, status, [location], options.OrderLinesPageSize, FulfillmentOrdersFirst, options.AcknowledgementMetafieldNamespace, AckKey(options)),
                    ShopifyJsonContext.Default.AssignedFulfillmentOrdersVariables,
                    ShopifyJsonContext.Default.GraphResponseAssignedFulfillmentOrdersData,
                    options.OrderPageSize,
                    cancellationToken).ConfigureAwait(false);
                after = data.AssignedFulfillmentOrders?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
                foreach (var fulfillmentOrder in NonNullNodes(data.AssignedFulfillmentOrders?.Nodes, "AssignedFulfillmentOrders"))
                {
                    if (fulfillmentOrder.Order is not { } owner)
                    {
                        continue;
                    }

                    if (!byOrder.TryGetValue(owner.Id, out var entry))
                    {
                        byOrder.Add(owner.Id, entry = (owner, []));
                        order.Add(owner.Id);
                    }

                    entry.Ours.Add(await WithAllLinesAsync(fulfillmentOrder, cancellationToken).ConfigureAwait(false));
                }
            }
            while (after is not null);

            foreach (var orderId in order)
            {
                var (node, ours) = byOrder[orderId];
                var lines = await AllLineItemsAsync(node, cancellationToken).ConfigureAwait(false);
                yield return MapEntry(JsonSerializer.SerializeToElement(node, ShopifyJsonContext.Default.OrderNode), node, lines, await ListedScopeAsync(node, ours, cancellationToken).ConfigureAwait(false));
            }
        }
    }

    /// <summary>The service's view of one order, or null when none of its fulfilment orders was requested from the service.</summary>
    private async ValueTask<FulfillmentServiceScope?> FulfillmentServiceScopeAsync(string orderId, CancellationToken cancellationToken)
    {
        var location = await ServiceLocationAsync(cancellationToken).ConfigureAwait(false);
        var order = await LoadFulfillmentOrdersAsync(orderId, "shipment_none", cancellationToken).ConfigureAwait(false);
        var ours = (order.FulfillmentOrders?.Nodes ?? [])
            .Where(f => f.AssignedLocation?.Location?.Id == location && f.RequestStatus is { } r && ServiceRequestStatuses.Contains(r))
            .ToList();
        return ours.Count == 0 ? null : Scope(ours);
    }

    /// <summary>
    /// The service's view of a listed order. The pending requests are not all the service was asked for: a request for
    /// the rest of a fulfilment order the service partly fulfilled and closed (or that was moved) comes on a new
    /// fulfilment order with only the units left, while the WMS already has the order. Read alone, that request would
    /// be a smaller order and reach the WMS as an update; so when the order has fulfilment orders besides the listed
    /// ones, the scope is every fulfilment order of the service, as <see cref="GetOrderAsync"/> reads it.
    /// </summary>
    private async ValueTask<FulfillmentServiceScope> ListedScopeAsync(OrderNode order, List<FulfillmentOrderNode> listed, CancellationToken cancellationToken)
    {
        var pending = Scope(listed);
        var listedIds = listed.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        if ((order.FulfillmentOrders?.Nodes ?? []).All(f => f is null || listedIds.Contains(f.Id))
            || await FulfillmentServiceScopeAsync(order.Id, cancellationToken).ConfigureAwait(false) is not { } all)
        {
            return pending;
        }

        // The request that listed the order stays its request status, unless a cancellation is asked for.
        return all.CancellationRequested ? all : all with { RequestStatus = pending.RequestStatus };
    }

    private static FulfillmentServiceScope Scope(List<FulfillmentOrderNode> ours)
    {
        // totalQuantity keeps the units fulfilled on a fulfilment order; remainingQuantity is "The number of units
        // remaining to be fulfilled". The difference is the service's progress, which the engine does not take for an
        // order change (docs/architecture.md, "Fulfilment progress is not an order change").
        var quantities = new Dictionary<string, int>(StringComparer.Ordinal);
        var fulfilled = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in ours.SelectMany(f => f.LineItems?.Nodes ?? []))
        {
            if (line.LineItem?.Id is { } lineItemId)
            {
                quantities[lineItemId] = quantities.GetValueOrDefault(lineItemId) + line.TotalQuantity;
                fulfilled[lineItemId] = fulfilled.GetValueOrDefault(lineItemId) + Math.Max(0, line.TotalQuantity - line.RemainingQuantity);
            }
        }

        var cancelling = ours.FirstOrDefault(f => f.RequestStatus is "CANCELLATION_REQUESTED" or "CANCELLATION_ACCEPTED");
        return new FulfillmentServiceScope(
            quantities,
            fulfilled,
            [.. ours.Select(f => f.Id)],
            cancelling?.RequestStatus ?? ours[0].RequestStatus ?? "SUBMITTED",
            cancelling is not null,
            ours.Max(f => f.UpdatedAt));
    }

    /// <summary>The WMS refused the order: in fulfilment-service mode its pending fulfilment requests are rejected with the reason.</summary>
    public async Task ReportOrderRefusedAsync(ChannelOrder order, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_client.Options.FulfillmentServiceMode)
        {
            await AnswerFulfillmentRequestsAsync(order.OrderId, accept: false, "Refused by the warehouse: " + reason, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The WMS's answer to a cancellation: in fulfilment-service mode it accepts or rejects the pending cancellation requests.</summary>
    public async Task ReportCancellationAsync(ChannelOrder order, bool cancelled, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_client.Options.FulfillmentServiceMode)
        {
            var message = cancelled ? reason ?? "Cancelled in the warehouse." : "The warehouse cannot cancel: " + (reason ?? "no reason given");
            await AnswerCancellationRequestsAsync(order.OrderId, cancelled, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Accepts or rejects the service's pending fulfilment requests of an order (those still <c>SUBMITTED</c>).</summary>
    internal async Task<int> AnswerFulfillmentRequestsAsync(string orderId, bool accept, string? message, CancellationToken cancellationToken)
    {
        var pending = await ServiceFulfillmentOrdersAsync(orderId, "SUBMITTED", cancellationToken).ConfigureAwait(false);
        foreach (var fulfillmentOrder in pending)
        {
            IReadOnlyList<UserError>? errors;
            if (accept)
            {
                var data = await _client.SendAsync(
                    GraphDocuments.FulfillmentOrderAcceptFulfillmentRequest,
                    new FulfillmentOrderAnswerVariables(fulfillmentOrder.Id, message),
                    ShopifyJsonContext.Default.FulfillmentOrderAnswerVariables,
                    ShopifyJsonContext.Default.GraphResponseFulfillmentOrderAcceptFulfillmentRequestData,
                    cancellationToken).ConfigureAwait(false);
                errors = data.FulfillmentOrderAcceptFulfillmentRequest?.UserErrors;
            }
            else
            {
                var data = await _client.SendAsync(
                    GraphDocuments.FulfillmentOrderRejectFulfillmentRequest,
                    new FulfillmentOrderRejectVariables(fulfillmentOrder.Id, message, "OTHER"),
                    ShopifyJsonContext.Default.FulfillmentOrderRejectVariables,
                    ShopifyJsonContext.Default.GraphResponseFulfillmentOrderRejectFulfillmentRequestData,
                    cancellationToken).ConfigureAwait(false);
                errors = data.FulfillmentOrderRejectFulfillmentRequest?.UserErrors;
            }

            ThrowOnUserErrors(errors, "id");
            Log.FulfillmentRequestAnswered(_logger, Name, fulfillmentOrder.Id, accept ? "accepted" : "rejected");
        }

        return pending.Count;
    }

    /// <summary>Accepts or rejects the pending cancellation requests of an order, as the WMS answered the cancellation.</summary>
    internal async Task<int> AnswerCancellationRequestsAsync(string orderId, bool accept, string? message, CancellationToken cancellationToken)
    {
        var pending = await ServiceFulfillmentOrdersAsync(orderId, "CANCELLATION_REQUESTED", cancellationToken).ConfigureAwait(false);
        foreach (var fulfillmentOrder in pending)
        {
            IReadOnlyList<UserError>? errors;
            var variables = new FulfillmentOrderAnswerVariables(fulfillmentOrder.Id, message);
            if (accept)
            {
                var data = await _client.SendAsync(
                    GraphDocuments.FulfillmentOrderAcceptCancellationRequest,
                    variables,
                    ShopifyJsonContext.Default.FulfillmentOrderAnswerVariables,
                    ShopifyJsonContext.Default.GraphResponseFulfillmentOrderAcceptCancellationRequestData,
                    cancellationToken).ConfigureAwait(false);
                errors = data.FulfillmentOrderAcceptCancellationRequest?.UserErrors;
            }
            else
            {
                var data = await _client.SendAsync(
                    GraphDocuments.FulfillmentOrderRejectCancellationRequest,
                    variables,
                    ShopifyJsonContext.Default.FulfillmentOrderAnswerVariables,
                    ShopifyJsonContext.Default.GraphResponseFulfillmentOrderRejectCancellationRequestData,
                    cancellationToken).ConfigureAwait(false);
                errors = data.FulfillmentOrderRejectCancellationRequest?.UserErrors;
            }

            ThrowOnUserErrors(errors, "id");
            Log.CancellationRequestAnswered(_logger, Name, fulfillmentOrder.Id, accept ? "accepted" : "rejected");
        }

        return pending.Count;
    }

    private async Task<IReadOnlyList<FulfillmentOrderNode>> ServiceFulfillmentOrdersAsync(string orderId, string requestStatus, CancellationToken cancellationToken)
    {
        var id = ShopifyIds.Normalise(orderId, ShopifyIds.Order)
            ?? throw new ConnectorValidationException(nameof(orderId), $"'{orderId}' is not an Order GID or numeric id.");
        var location = await ServiceLocationAsync(cancellationToken).ConfigureAwait(false);
        var order = await LoadFulfillmentOrdersAsync(id, "shipment_none", cancellationToken).ConfigureAwait(false);
        return [.. (order.FulfillmentOrders?.Nodes ?? []).Where(f => f.RequestStatus == requestStatus && f.AssignedLocation?.Location?.Id == location)];
    }

    /// <summary>A fulfilment order with every line: the first page as selected, the rest read with <c>FulfillmentOrderLineItems</c>.</summary>
    private async ValueTask<FulfillmentOrderNode> WithAllLinesAsync(FulfillmentOrderNode fulfillmentOrder, CancellationToken cancellationToken)
    {
        if (fulfillmentOrder.LineItems?.PageInfo is not { HasNextPage: true })
        {
            return fulfillmentOrder;
        }

        var all = await AllNodesAsync(
            fulfillmentOrder.LineItems,
            GraphDocuments.FulfillmentOrderLineItems,
            $"fulfillment order {fulfillmentOrder.Id}",
            (n, after) => new FulfillmentOrderLineItemsVariables(fulfillmentOrder.Id, n, after),
            ShopifyJsonContext.Default.FulfillmentOrderLineItemsVariables,
            ShopifyJsonContext.Default.GraphResponseFulfillmentOrderLineItemsData,
            static data => data.FulfillmentOrder?.LineItems,
            cancellationToken).ConfigureAwait(false);
        return fulfillmentOrder with { LineItems = new Connection<FulfillmentOrderLineNode>(new PageInfo(false, null), all) };
    }
}

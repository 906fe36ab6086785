using System.Runtime.CompilerServices;
using Connectors.Testing.Internal;

namespace Connectors.Testing;

/// <summary>
/// An in-memory channel that implements every channel port, records every call and can be told to fail, for
/// engine tests and for users testing their own hosts. Thread-safe.
/// </summary>
public sealed partial class FakeChannel : IInventoryChannel, IOrderChannel, IWarehouseAnswerChannel, IFulfillmentChannel, IReturnLookupChannel, ICatalogChannel
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Item, string Location), int> _levels = [];
    private readonly Dictionary<string, string> _rejectedItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _notListedItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelFulfillment> _fulfillmentsByKey = new(StringComparer.Ordinal);
    private readonly List<ChannelFulfillment> _repeatedFulfillments = [];
    private readonly List<ReturnRequest> _returns = [];
    private readonly HashSet<string> _closedReturns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReturnConfirmation> _returnConfirmations = new(StringComparer.Ordinal);
    private readonly List<OrderAcknowledgement> _acknowledgements = [];
    private readonly List<(string OrderId, string Reason)> _refusalReports = [];
    private readonly List<(string OrderId, bool Cancelled, string? Reason)> _cancellationReports = [];
    private readonly List<IReadOnlyList<InventoryTarget>> _pushes = [];
    private readonly List<ChannelItem> _items = [];
    private int _failPushes;
    private int _failFulfillments;
    private int _fulfillmentCalls;
    private int _nextFulfillmentId;

    /// <summary>Creates a fake channel.</summary>
    /// <param name="name">The channel instance name.</param>
    /// <param name="capabilities">Its capabilities; by default batches of 250, several locations, webhooks, returns and acknowledgements.</param>
    public FakeChannel(string name, ChannelCapabilities? capabilities = null)
    {
        Name = name;
        Capabilities = capabilities ?? new ChannelCapabilities(250, true, true, true, true, true);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string Platform => "fake";

    /// <inheritdoc />
    public ChannelCapabilities Capabilities { get; }

    /// <summary>Items the push rejects are unknown unless listed here or no catalogue is set; see <see cref="AddItem"/>.</summary>
    public bool RejectUnknownItems { get; set; }

    /// <summary>
    /// Whether a fulfilment created again with a known idempotency key returns the first one (the default) or, as a shop
    /// without idempotency keys does, creates a second fulfilment (still refused when it would ship more than ordered).
    /// </summary>
    public bool DeduplicatesFulfillments { get; set; } = true;

    /// <summary>A hook run before each order look-up (<see cref="GetOrderAsync"/>); delay in it to simulate a slow shop or a paused host.</summary>
    public Func<string, CancellationToken, Task>? BeforeGetOrder { get; set; }

    /// <summary>A hook run before each push; throw from it to simulate transport failures.</summary>
    public Func<IReadOnlyList<InventoryTarget>, CancellationToken, Task>? BeforePush { get; set; }

    /// <summary>Every push, in order, as sent.</summary>
    public IReadOnlyList<IReadOnlyList<InventoryTarget>> Pushes
    {
        get
        {
            lock (_gate)
            {
                return [.. _pushes];
            }
        }
    }

    /// <summary>Every acknowledgement, in order.</summary>
    public IReadOnlyList<OrderAcknowledgement> Acknowledgements
    {
        get
        {
            lock (_gate)
            {
                return [.. _acknowledgements];
            }
        }
    }

    /// <summary>Every WMS refusal the engine reported (<see cref="IWarehouseAnswerChannel.ReportOrderRefusedAsync"/>), in order.</summary>
    public IReadOnlyList<(string OrderId, string Reason)> RefusalReports
    {
        get
        {
            lock (_gate)
            {
                return [.. _refusalReports];
            }
        }
    }

    /// <summary>Every cancellation answer the engine reported (<see cref="IWarehouseAnswerChannel.ReportCancellationAsync"/>), in order.</summary>
    public IReadOnlyList<(string OrderId, bool Cancelled, string? Reason)> CancellationReports
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancellationReports];
            }
        }
    }

    /// <summary>How many times <see cref="CreateFulfillmentAsync"/> was called, including idempotent repeats and failures.</summary>
    public int FulfillmentCalls => Volatile.Read(ref _fulfillmentCalls);

    /// <summary>Every fulfilment created: one per idempotency key, and the repeats when <see cref="DeduplicatesFulfillments"/> is off.</summary>
    public IReadOnlyList<ChannelFulfillment> Fulfillments
    {
        get
        {
            lock (_gate)
            {
                return [.. _fulfillmentsByKey.Values, .. _repeatedFulfillments];
            }
        }
    }

    /// <summary>Every distinct return confirmation received.</summary>
    public IReadOnlyList<ReturnConfirmation> ReturnConfirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _returnConfirmations.Values];
            }
        }
    }

    /// <summary>The quantity the channel shows for an item at a location, or <see langword="null"/> if never set.</summary>
    /// <param name="channelItemId">The item.</param>
    /// <param name="locationId">The location.</param>
    /// <returns>The quantity.</returns>
    public int? GetLevel(string channelItemId, string locationId = InventoryTarget.DefaultLocation)
    {
        lock (_gate)
        {
            return _levels.TryGetValue((channelItemId, locationId), out var quantity) ? quantity : null;
        }
    }

    /// <summary>Sets a level directly, as a merchant editing stock by hand would (drift).</summary>
    /// <param name="channelItemId">The item.</param>
    /// <param name="locationId">The location.</param>
    /// <param name="quantity">The quantity.</param>
    public void SetLevel(string channelItemId, string locationId, int quantity)
    {
        lock (_gate)
        {
            _levels[(channelItemId, locationId)] = quantity;
        }
    }

    /// <summary>Adds an item to the catalogue <see cref="ListItemsAsync"/> returns.</summary>
    /// <param name="item">The item.</param>
    public void AddItem(ChannelItem item)
    {
        lock (_gate)
        {
            _items.Add(item);
        }
    }

    /// <summary>Makes every push of this item come back rejected with the reason.</summary>
    /// <param name="channelItemId">The item.</param>
    /// <param name="reason">The reason.</param>
    public void RejectItem(string channelItemId, string reason)
    {
        lock (_gate)
        {
            _rejectedItems[channelItemId] = reason;
        }
    }

    /// <summary>Answers every push of the item with <see cref="PushOutcome.NotListed"/> (code <c>NOT_STOCKED</c>), as a shop that does not stock it at the location.</summary>
    /// <param name="channelItemId">The channel item id.</param>
    /// <param name="reason">The reason given.</param>
    public void NotListItem(string channelItemId, string reason)
    {
        lock (_gate)
        {
            _notListedItems[channelItemId] = reason;
        }
    }

    /// <summary>Makes the next <paramref name="count"/> pushes fail as a whole with a transient error (HTTP 503).</summary>
    /// <param name="count">How many.</param>
    public void FailNextPushes(int count) => Interlocked.Exchange(ref _failPushes, count);

    /// <summary>Makes the next <paramref name="count"/> fulfilment calls fail with a transient error after recording nothing.</summary>
    /// <param name="count">How many.</param>
    public void FailNextFulfillments(int count) => Interlocked.Exchange(ref _failFulfillments, count);

    /// <summary>Adds or replaces an order (a buyer placing or changing it).</summary>
    /// <param name="order">The order.</param>
    public void PutOrder(ChannelOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_gate)
        {
            _orders[order.OrderId] = order;
        }
    }

    /// <summary>Adds a return request.</summary>
    /// <param name="request">The request.</param>
    public void PutReturn(ReturnRequest request)
    {
        lock (_gate)
        {
            _returns.Add(request);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count > Capabilities.MaxInventoryBatchSize)
        {
            throw new ConnectorValidationException("targets", $"holds {targets.Count} items; the channel takes at most {Capabilities.MaxInventoryBatchSize}.");
        }

        if (BeforePush is { } hook)
        {
            await hook(targets, cancellationToken).ConfigureAwait(false);
        }

        if (FaultCounter.TryConsume(ref _failPushes))
        {
            throw new ConnectorRequestFailedException("fake", "Service unavailable", 503);
        }

        var capped = ChargeQuota(targets);
        var results = new List<InventoryPushItemResult>(targets.Count);
        lock (_gate)
        {
            _pushes.Add([.. targets]);
            foreach (var target in targets)
            {
                if (capped is not null && capped.Contains(target.ChannelItemId))
                {
                    results.Add(InventoryPushItemResult.Rejected(target, "the listing's revisions for the day are spent", "REVISION_LIMIT"));
                    continue;
                }

                if (_notListedItems.TryGetValue(target.ChannelItemId, out var notListed))
                {
                    results.Add(InventoryPushItemResult.NotListed(target, notListed, "NOT_STOCKED"));
                    continue;
                }

                if (_rejectedItems.TryGetValue(target.ChannelItemId, out var reason)
                    || (RejectUnknownItems && !_items.Exists(i => i.ChannelItemId == target.ChannelItemId)))
                {
                    results.Add(InventoryPushItemResult.Rejected(target, reason ?? "unknown item", "NOT_FOUND"));
                    continue;
                }

                _levels[(target.ChannelItemId, target.LocationId)] = target.Quantity;
                results.Add(InventoryPushItemResult.Applied(target));
            }
        }

        return results;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ChannelInventoryLevel> levels;
        lock (_gate)
        {
            levels = [.. _levels
                .Where(l => channelItemIds is null || channelItemIds.Contains(l.Key.Item))
                .OrderBy(l => l.Key.Item, StringComparer.Ordinal)
                .ThenBy(l => l.Key.Location, StringComparer.Ordinal)
                .Select(l => new ChannelInventoryLevel
                {
                    ChannelItemId = l.Key.Item,
                    LocationId = l.Key.Location,
                    Available = l.Value,
                })];
        }

        foreach (var level in levels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return level;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelItem> ListItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ChannelItem> items;
        lock (_gate)
        {
            items = [.. _items];
        }

        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ChannelOrder> orders;
        lock (_gate)
        {
            orders = [.. _orders.Values.Where(o => o.UpdatedAt >= updatedSince).OrderBy(o => o.UpdatedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal)];
        }

        foreach (var order in orders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return order;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default)
    {
        if (BeforeGetOrder is { } hook)
        {
            await hook(orderId, cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return _orders.GetValueOrDefault(orderId);
        }
    }

    /// <inheritdoc />
    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _acknowledgements.Add(acknowledgement);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReportOrderRefusedAsync(ChannelOrder order, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_gate)
        {
            _refusalReports.Add((order.OrderId, reason));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ReportCancellationAsync(ChannelOrder order, bool cancelled, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        lock (_gate)
        {
            _cancellationReports.Add((order.OrderId, cancelled, reason));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _fulfillmentCalls);
        if (FaultCounter.TryConsume(ref _failFulfillments))
        {
            throw new ConnectorRequestFailedException("fake", "Gateway timeout", 504);
        }

        lock (_gate)
        {
            var repeat = _fulfillmentsByKey.TryGetValue(request.IdempotencyKey, out var existing);
            if (repeat && DeduplicatesFulfillments)
            {
                return Task.FromResult(existing!);
            }

            if (_orders.TryGetValue(request.ChannelOrderId, out var order))
            {
                var shipped = _fulfillmentsByKey.Values.Concat(_repeatedFulfillments)
                    .Where(f => f.ChannelOrderId == request.ChannelOrderId)
                    .SelectMany(f => f.Lines)
                    .GroupBy(l => l.LineId, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.Ordinal);
                order.EnsureCanFulfill(request, shipped);
            }

            var fulfillment = new ChannelFulfillment
            {
                FulfillmentId = "F" + (++_nextFulfillmentId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ChannelOrderId = request.ChannelOrderId,
                Lines = request.Lines,
                Tracking = request.Tracking,
                IdempotencyKey = request.IdempotencyKey,
            };
            if (repeat)
            {
                _repeatedFulfillments.Add(fulfillment);
            }
            else
            {
                _fulfillmentsByKey.Add(request.IdempotencyKey, fulfillment);
            }

            return Task.FromResult(fulfillment);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ChannelFulfillment>>([.. _fulfillmentsByKey.Values.Concat(_repeatedFulfillments).Where(f => f.ChannelOrderId == channelOrderId)]);
        }
    }

    /// <inheritdoc />
    public Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var pair = _fulfillmentsByKey.FirstOrDefault(f => f.Value.FulfillmentId == fulfillmentId);
            if (pair.Value is null)
            {
                throw new ConnectorNotFoundException("fake", $"fulfillment {fulfillmentId} not found");
            }

            _fulfillmentsByKey[pair.Key] = pair.Value with { Tracking = tracking };
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ReturnRequest> returns;
        lock (_gate)
        {
            returns = [.. _returns.Where(r => r.RequestedAt >= since).OrderBy(r => r.RequestedAt)];
        }

        foreach (var request in returns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return request;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The return last put with <see cref="PutReturn"/> under this id; null after <see cref="CloseReturn"/>.</summary>
    /// <param name="returnId">The return id.</param>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>The request, or null for a closed return.</returns>
    /// <exception cref="ConnectorNotFoundException">No return was put under this id.</exception>
    public Task<ReturnRequest?> GetReturnRequestAsync(string returnId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var found = _returns.LastOrDefault(r => string.Equals(r.ReturnId, returnId, StringComparison.Ordinal))
                ?? throw new ConnectorNotFoundException(Platform, $"Return {returnId} was not found on channel '{Name}'.");
            return Task.FromResult(_closedReturns.Contains(returnId) ? null : found);
        }
    }

    /// <summary>Marks a return as asking nothing of the warehouse any more (declined or cancelled on the channel).</summary>
    /// <param name="returnId">The return id.</param>
    public void CloseReturn(string returnId)
    {
        lock (_gate)
        {
            _closedReturns.Add(returnId);
        }
    }

    /// <inheritdoc />
    public Task ConfirmReturnAsync(ReturnConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        lock (_gate)
        {
            _returnConfirmations.TryAdd(confirmation.IdempotencyKey, confirmation);
        }

        return Task.CompletedTask;
    }
}

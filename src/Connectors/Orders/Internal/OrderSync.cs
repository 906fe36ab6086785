using System.Runtime.CompilerServices;
using Connectors.DeadLetters.Internal;
using Connectors.Internal;
using Connectors.Performance.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Orders.Internal;

/// <summary>The order flow: inbox intake (webhook, poll, reconciliation) and processing. See <see cref="IOrderSync"/>.</summary>
internal sealed class OrderSync : IOrderSync
{
    private readonly ISyncStateStore _store;
    private readonly IChannelRegistry _channels;
    private readonly IOrderMapper _mapper;
    private readonly TimeProvider _time;
    private readonly IOptions<ConnectorsOptions> _options;
    private readonly ConnectorsMetrics _metrics;
    private readonly WorkFailures _failures;
    private readonly ChannelOrderLookup _lookup;
    private readonly OrderProcessingLock _orderLock;
    private readonly IWarehouseOrders? _warehouse;
    private readonly IWarehouseReturns? _returns;
    private readonly IOversellWindow? _oversell;
    private readonly ILogger _logger;
    private readonly WorkSignal _inbox;
    private readonly SellerPerformanceService? _performance;

    public OrderSync(
        ISyncStateStore store,
        IChannelRegistry channels,
        IOrderMapper mapper,
        TimeProvider time,
        IOptions<ConnectorsOptions> options,
        ConnectorsMetrics metrics,
        WorkFailures failures,
        ChannelOrderLookup lookup,
        IWarehouseOrders? warehouse = null,
        IWarehouseReturns? returns = null,
        IOversellWindow? oversell = null,
        ILogger<OrderSync>? logger = null,
        WorkSignals? signals = null,
        SellerPerformanceService? performance = null)
    {
        _performance = performance;
        _store = store;
        _channels = channels;
        _mapper = mapper;
        _time = time;
        _options = options;
        _metrics = metrics;
        _failures = failures;
        _lookup = lookup;
        _orderLock = new OrderProcessingLock(store);
        _warehouse = warehouse;
        _returns = returns;
        _oversell = oversell;
        _inbox = (signals ?? new WorkSignals()).Inbox;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    private OrderFlowOptions Flow => _options.Value.Orders;

    public async Task<InboxAcceptOutcome> AcceptAsync(ChannelEvent channelEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channelEvent);
        switch (channelEvent)
        {
            case OrderChannelEvent order:
                if (order.Order is { } carried
                    && (!string.Equals(carried.OrderId, order.OrderId, StringComparison.Ordinal) || !string.Equals(carried.Channel, order.Channel, StringComparison.Ordinal)))
                {
                    throw new ConnectorValidationException(
                        "Order.OrderId",
                        $"the event names order {order.OrderId} of channel {order.Channel} but carries order {carried.OrderId} of channel {carried.Channel}.");
                }

                // The inbox item is written before the delivery id is recorded, so a crash between the two cannot lose
                // the delivery: its redelivery finds no item and is accepted. A known delivery id only turns a stale
                // outcome into a duplicate.
                var payload = new OrderInboxPayload(order.Channel, order.OrderId, order.Kind, order.DeliveryId, order.OccurredAt, order.Order, "webhook");
                var outcome = await EnqueueOrderCoreAsync(payload, cancellationToken).ConfigureAwait(false);
                if (!await TryRecordDeliveryAsync(order.Channel, order.DeliveryId, cancellationToken).ConfigureAwait(false) && outcome != InboxAcceptOutcome.Accepted)
                {
                    outcome = InboxAcceptOutcome.Duplicate;
                }

                return Received(order.Channel, order.OrderId, "webhook", outcome);

            case ReturnRequestedEvent returned:
                var added = await EnqueueReturnAsync(returned.Request, cancellationToken).ConfigureAwait(false);
                await TryRecordDeliveryAsync(returned.Channel, returned.DeliveryId, cancellationToken).ConfigureAwait(false);
                return added ? InboxAcceptOutcome.Accepted : InboxAcceptOutcome.Duplicate;

            case ReturnNoticeEvent notice:
                // The same item id as the full request: a poll that lists the return later is a duplicate of this item.
                ArgumentException.ThrowIfNullOrEmpty(notice.ReturnId);
                var noted = await _inbox.EnqueueAsync(
                    _store,
                    WorkQueue.Inbox,
                    new WorkItem
                    {
                        Id = WorkKinds.ReturnRequestId(notice.Channel, notice.ReturnId),
                        Channel = notice.Channel,
                        Kind = WorkKinds.ReturnNotice,
                        Payload = OrderPayloads.Write(new ReturnNoticePayload(notice.Channel, notice.ReturnId, notice.ChannelOrderId)),
                        EnqueuedAt = _time.GetUtcNow(),
                    },
                    cancellationToken).ConfigureAwait(false);
                await TryRecordDeliveryAsync(notice.Channel, notice.DeliveryId, cancellationToken).ConfigureAwait(false);
                return noted ? InboxAcceptOutcome.Accepted : InboxAcceptOutcome.Duplicate;

            default:
                return InboxAcceptOutcome.Ignored;
        }
    }

    public async Task<PollResult> PollAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var port = ChannelPorts.Get<IOrderChannel>(_channels, channel);
        var (since, high, version) = await StartPollAsync(channel, WorkKinds.PollCursor, cancellationToken).ConfigureAwait(false);
        int seen = 0, enqueued = 0, deadLettered = 0;

        // A channel that can hand over an order it cannot read (IOrderListingChannel) keeps one bad order from
        // stopping the page: it is dead-lettered with its payload and the rest of the page and the cursor go on.
        await foreach (var entry in ListEntries(port, since, cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (entry.Unreadable is { } unreadable)
            {
                if (unreadable.UpdatedAt is { } changed && changed > high)
                {
                    high = changed;
                }

                if (await DeadLetterUnreadableAsync(channel, unreadable, cancellationToken).ConfigureAwait(false))
                {
                    deadLettered++;
                }

                continue;
            }

            var order = entry.Order!;
            if (order.UpdatedAt > high)
            {
                high = order.UpdatedAt;
            }

            var payload = new OrderInboxPayload(channel, order.OrderId, OrderEventKind.Updated, null, order.UpdatedAt, order, "poll");
            var outcome = await EnqueueOrderAsync(payload, cancellationToken).ConfigureAwait(false);
            _metrics.OrdersPolled.Add(1, ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome(Name(outcome)));
            if (outcome == InboxAcceptOutcome.Accepted)
            {
                enqueued++;
            }
        }

        await AdvanceCursorAsync(channel, WorkKinds.PollCursor, high, version, cancellationToken).ConfigureAwait(false);
        Log.OrdersPolled(_logger, channel, since, seen, enqueued);
        return new PollResult
        {
            Channel = channel,
            Since = since,
            Seen = seen,
            Enqueued = enqueued,
            Cursor = high,
            DeadLettered = deadLettered,
        };
    }

    /// <summary>The port's listing as entries: an <see cref="IOrderListingChannel"/>'s own, or every order as a readable entry.</summary>
    internal static IAsyncEnumerable<OrderListingEntry> ListEntries(IOrderChannel port, DateTimeOffset since, CancellationToken cancellationToken) =>
        port is IOrderListingChannel listing ? listing.ListOrderEntriesAsync(since, cancellationToken) : AsEntries(port.ListOrdersAsync(since, cancellationToken));

    private static async IAsyncEnumerable<OrderListingEntry> AsEntries(IAsyncEnumerable<ChannelOrder> orders)
    {
        await foreach (var order in orders.ConfigureAwait(false))
        {
            yield return OrderListingEntry.FromOrder(order);
        }
    }

    /// <summary>
    /// Dead-letters an order the channel could not read, once per payload: the id hashes the payload, so the overlap
    /// window re-reading the same bad order adds nothing, and a corrected order (new payload) is read normally.
    /// </summary>
    /// <returns><see langword="true"/> when this call stored a new dead letter.</returns>
    internal async ValueTask<bool> DeadLetterUnreadableAsync(string channel, UnreadableOrder unreadable, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(unreadable.Payload)))[..32];
        var id = $"unreadable-order|{channel}|{unreadable.OrderId ?? "?"}|{hash}";
        _metrics.OrdersPolled.Add(1, ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome("unreadable"));
        if (await _store.GetDeadLetterAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var error = new UnreadableOrderException(channel, unreadable.OrderId, unreadable.JsonPath, unreadable.Reason);
        var now = _time.GetUtcNow();
        await _store.AddDeadLetterAsync(
            new DeadLetter
            {
                Id = id,
                Channel = channel,
                Flow = ConnectorFlows.Orders,
                Kind = WorkKinds.UnreadableOrder,
                Reason = error.Message,
                ErrorType = nameof(UnreadableOrderException),
                Payload = unreadable.Payload,
                Attempts = 1,
                FirstAttemptAt = now,
                DeadLetteredAt = now,
                SourceQueue = null,
            },
            cancellationToken).ConfigureAwait(false);
        Log.UnreadableOrderDeadLettered(_logger, unreadable.OrderId ?? "?", channel, unreadable.JsonPath, unreadable.Reason);
        return true;
    }

    public async Task<PollResult> PollReturnsAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var port = ChannelPorts.Get<IReturnChannel>(_channels, channel);
        var (since, high, version) = await StartPollAsync(channel, WorkKinds.ReturnsPollCursor, cancellationToken).ConfigureAwait(false);
        int seen = 0, enqueued = 0;
        await foreach (var request in port.ListReturnRequestsAsync(since, cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (request.RequestedAt > high)
            {
                high = request.RequestedAt;
            }

            if (await EnqueueReturnAsync(request, cancellationToken).ConfigureAwait(false))
            {
                enqueued++;
            }
        }

        await AdvanceCursorAsync(channel, WorkKinds.ReturnsPollCursor, high, version, cancellationToken).ConfigureAwait(false);
        return new PollResult
        {
            Channel = channel,
            Since = since,
            Seen = seen,
            Enqueued = enqueued,
            Cursor = high,
        };
    }

    public async Task<WorkPassResult> ProcessInboxAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        return await _failures.RunPassAsync(
            WorkQueue.Inbox,
            Flow.InboxBatchSize,
            static item => item.Kind is WorkKinds.ReturnRequest or WorkKinds.ReturnNotice ? ConnectorFlows.Returns : ConnectorFlows.Orders,
            async (item, _, token) =>
            {
                switch (item.Kind)
                {
                    case WorkKinds.Order:
                        if (!await ProcessOrderExclusiveAsync(item, token).ConfigureAwait(false))
                        {
                            // Another version of this order is being processed elsewhere: try again shortly, in order.
                            await _failures.RescheduleAsync(
                                WorkQueue.Inbox, item, ConnectorFlows.Orders, _time.GetUtcNow() + options.RetryBaseDelay, "another worker is processing this order", token).ConfigureAwait(false);
                            return false;
                        }

                        return true;
                    case WorkKinds.ReturnRequest:
                        await ExpectReturnAsync(OrderPayloads.ReadReturn(item.Payload), token).ConfigureAwait(false);
                        return true;
                    case WorkKinds.ReturnNotice:
                        await ProcessReturnNoticeAsync(item, token).ConfigureAwait(false);
                        return true;
                    default:
                        throw new ConnectorException($"Inbox item {item.Id} has kind '{item.Kind}', which the order flow does not know.");
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<OrderException> ListExceptionsAsync(string? channel = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var letter in _store.ListDeadLettersAsync(channel, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(letter.ErrorType, WorkKinds.WarehouseRefused, StringComparison.Ordinal)
                || string.Equals(letter.ErrorType, nameof(NothingLeftToShipException), StringComparison.Ordinal))
            {
                yield return new OrderException
                {
                    DeadLetterId = letter.Id,
                    Channel = letter.Channel,
                    Flow = letter.Flow,
                    Reason = letter.Reason,
                    Attempts = letter.Attempts,
                    OccurredAt = letter.DeadLetteredAt,
                };
            }
        }
    }

    /// <summary>Writes an order version to the inbox unless it is there already or older than what was processed.</summary>
    internal async ValueTask<InboxAcceptOutcome> EnqueueOrderAsync(OrderInboxPayload payload, CancellationToken cancellationToken) =>
        Received(payload.Channel, payload.OrderId, payload.Source, await EnqueueOrderCoreAsync(payload, cancellationToken).ConfigureAwait(false));

    private async ValueTask<InboxAcceptOutcome> EnqueueOrderCoreAsync(OrderInboxPayload payload, CancellationToken cancellationToken)
    {
        string id;
        if (payload.Order is { } order)
        {
            var record = await _store.GetOrderRecordAsync(payload.Channel, payload.OrderId, cancellationToken).ConfigureAwait(false);
            if (record is not null && order.UpdatedAt < record.Version)
            {
                return InboxAcceptOutcome.Stale;
            }

            id = WorkKinds.OrderVersionId(order);

            // A cancellation that did not move updated-at must not be mistaken for the version already seen.
            if (payload.EventKind == OrderEventKind.Cancelled || order.Status == ChannelOrderStatus.Cancelled)
            {
                id += "|cancelled";
            }
        }
        else
        {
            var delivery = payload.DeliveryId ?? payload.OccurredAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
            id = WorkKinds.OrderEventId(payload.Channel, payload.OrderId, payload.EventKind, delivery);
        }

        var item = new WorkItem
        {
            Id = id,
            Channel = payload.Channel,
            Kind = WorkKinds.Order,
            Payload = OrderPayloads.Write(payload),
            EnqueuedAt = _time.GetUtcNow(),
        };
        var added = await _inbox.EnqueueAsync(_store, WorkQueue.Inbox, item, cancellationToken).ConfigureAwait(false);
        return added ? InboxAcceptOutcome.Accepted : InboxAcceptOutcome.Duplicate;
    }

    private async ValueTask<bool> EnqueueReturnAsync(ReturnRequest request, CancellationToken cancellationToken)
    {
        var item = new WorkItem
        {
            Id = WorkKinds.ReturnRequestId(request.Channel, request.ReturnId),
            Channel = request.Channel,
            Kind = WorkKinds.ReturnRequest,
            Payload = OrderPayloads.Write(request),
            EnqueuedAt = _time.GetUtcNow(),
        };
        return await _inbox.EnqueueAsync(_store, WorkQueue.Inbox, item, cancellationToken).ConfigureAwait(false);
    }


    private async ValueTask<bool> TryRecordDeliveryAsync(string channel, string deliveryId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(deliveryId)
        || await _store.TryAddIdempotencyKeyAsync(WorkKinds.DeliveryKey(channel, deliveryId), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);

    private InboxAcceptOutcome Received(string channel, string orderId, string source, InboxAcceptOutcome outcome)
    {
        var name = Name(outcome);
        _metrics.OrdersReceived.Add(1, ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome(name));
        Log.OrderReceived(_logger, orderId, channel, source, name);
        return outcome;
    }

    private static string Name(InboxAcceptOutcome outcome) => outcome switch
    {
        InboxAcceptOutcome.Accepted => "new",
        InboxAcceptOutcome.Duplicate => "duplicate",
        InboxAcceptOutcome.Stale => "stale",
        _ => "ignored",
    };

    private async ValueTask<(DateTimeOffset Since, DateTimeOffset High, long Version)> StartPollAsync(string channel, string name, CancellationToken cancellationToken)
    {
        var cursor = await _store.GetCursorAsync(channel, name, cancellationToken).ConfigureAwait(false);
        if (cursor is null)
        {
            var since = _time.GetUtcNow() - Flow.InitialPollWindow;
            return (since, since, 0);
        }

        var stored = WorkKinds.ParseCursor(cursor.Value);
        return (stored - Flow.PollOverlap, stored, cursor.Version);
    }

    private async ValueTask AdvanceCursorAsync(string channel, string name, DateTimeOffset high, long expectedVersion, CancellationToken cancellationToken)
    {
        // Optimistic: when another poller moved the cursor meanwhile, keep whichever is further on.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await _store.TrySetCursorAsync(channel, name, WorkKinds.FormatCursor(high), expectedVersion, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var current = await _store.GetCursorAsync(channel, name, cancellationToken).ConfigureAwait(false);
            if (current is null || WorkKinds.ParseCursor(current.Value) >= high)
            {
                return;
            }

            expectedVersion = current.Version;
        }
    }

    /// <summary>
    /// Processes an order item under the order's lease (<see cref="OrderProcessingLock"/>), so versions of one order
    /// are applied one at a time even when several hosts process the inbox; the record is read under the lease, so an
    /// older version that comes second is recognised as stale. The lease is renewed while the version is processed, but
    /// never past <see cref="OrderFlowOptions.ProcessingTimeout"/> from its start: then the processing is cancelled and
    /// the lease lapses, so a slow WMS keeps its order while a hung one loses it (a dead host stops renewing at once).
    /// </summary>
    /// <returns><see langword="false"/> when another worker holds the order; nothing was done.</returns>
    private async Task<bool> ProcessOrderExclusiveAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = OrderPayloads.ReadOrder(item.Payload);
        var lease = _options.Value.LeaseDuration;
        var limit = Flow.ProcessingTimeout;
        var started = _time.GetUtcNow();
        var held = await _orderLock.TryAcquireAsync(payload.Channel, payload.OrderId, started, Shorter(lease, limit), cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return false;
        }

        using var bound = new CancellationTokenSource(limit, _time);
        using var processing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        using var stopRenewal = new CancellationTokenSource();
        var renewal = RenewOrderLockAsync(held, started + limit, stopRenewal.Token);
        try
        {
            await ProcessOrderAsync(item, processing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.OrderProcessingTimedOut(_logger, payload.OrderId, payload.Channel, limit);
            throw new ConnectorException(
                $"Order {payload.OrderId} of channel {payload.Channel}: processing this version did not finish within Connectors:Orders:ProcessingTimeout ({limit}), so it was cancelled and the order's lock was left to lapse; the version is retried.",
                isTransient: true,
                innerException: e);
        }
        finally
        {
            await stopRenewal.CancelAsync().ConfigureAwait(false);
            held = await renewal.ConfigureAwait(false);

            // Not cancellable: a lease left behind would only delay this order until it expires.
            if (held is not null)
            {
                await _orderLock.ReleaseAsync(held, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return true;
    }

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// Renews the order's lease every third of its duration until <paramref name="stop"/> is cancelled, so a version
    /// whose processing takes longer than the lease (slow WMS, long Shopify look-ups) is not taken over by a worker
    /// processing another version of the order. No renewal reaches past <paramref name="deadline"/>: a holder hung in a
    /// call that never returns keeps its heartbeat running, and without that bound it would keep the order for ever.
    /// </summary>
    /// <returns>The lease as last renewed (the one to release), or <see langword="null"/> when another worker took it.</returns>
    private async Task<OrderProcessingLock.Held?> RenewOrderLockAsync(OrderProcessingLock.Held held, DateTimeOffset deadline, CancellationToken stop)
    {
        var lease = _options.Value.LeaseDuration;
        while (true)
        {
            try
            {
                await Task.Delay(lease / 3, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return held;
            }

            var now = _time.GetUtcNow();
            var left = deadline - now;
            if (left <= TimeSpan.Zero)
            {
                return held;
            }

            // Not cancellable once sent: a renewal stopped half-way could leave the row renewed and this holder with
            // the old value, unable to release it.
            var duration = Shorter(lease, left);
            OrderProcessingLock.Held? renewed;
            try
            {
                renewed = await _orderLock.RenewAsync(held, now, duration, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A store that fails once must not fail the processing it guards: try again next time.
            catch (Exception)
#pragma warning restore CA1031
            {
                continue;
            }

            if (renewed is null)
            {
                Log.OrderLockLost(_logger, held.OrderId, held.Channel);
                return null;
            }

            held = renewed;
            if (duration == left)
            {
                return held; // renewed up to the bound: no later renewal may extend it
            }
        }
    }

    private async Task ProcessOrderAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var payload = OrderPayloads.ReadOrder(item.Payload);
        var channel = payload.Channel;
        var order = payload.Order;
        if (order is null)
        {
            // Paid before created, or a thin webhook: fetch the order; if the channel does not show it yet, wait (retry).
            var port = ChannelPorts.Get<IOrderChannel>(_channels, channel);
            order = await port.GetOrderAsync(payload.OrderId, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectorException($"Order {payload.OrderId} of channel {channel} ({payload.EventKind} event) is not visible on the channel yet; waiting for it.", isTransient: true);
        }

        if (await ResolveSameVersionAsync(channel, order, cancellationToken).ConfigureAwait(false) is not { } resolved)
        {
            _metrics.OrdersProcessed.Add(1, ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome("stale"));
            Log.OrderProcessed(_logger, order.OrderId, channel, "stale");
            return;
        }

        order = resolved;
        var moved = await ChannelStockMovesAsync(channel, order, cancellationToken).ConfigureAwait(false);
        string outcome;
        try
        {
            outcome = await DecideAsync(payload, order, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // After the window changed, so one push carries both; also when the decision failed: the shop moved anyway.
            if (moved is { Count: > 0 } && !cancellationToken.IsCancellationRequested)
            {
                await _oversell!.ChannelMovedStockAsync(channel, moved, cancellationToken).ConfigureAwait(false);
            }
        }

        _metrics.OrdersProcessed.Add(1, ConnectorsMetrics.Channel(channel), ConnectorsMetrics.Outcome(outcome));
        Log.OrderProcessed(_logger, order.OrderId, channel, outcome);
    }

    /// <summary>
    /// An item of the version the engine processed last, but with other content (<see cref="OrderContent"/>): the
    /// channel changed the order without moving its updated-at (WooCommerce's whole seconds: paid in the same second as
    /// the engine's hold acknowledgement). The two items cannot tell which content came last; the channel's current order
    /// can, so it is read and decided on. Before, the later content was "seen already": a paid order stayed held and
    /// never reached the WMS.
    /// </summary>
    /// <returns>The order to decide on, or <see langword="null"/> when this item held the older content.</returns>
    private async ValueTask<ChannelOrder?> ResolveSameVersionAsync(string channel, ChannelOrder order, CancellationToken cancellationToken)
    {
        var record = await _store.GetOrderRecordAsync(channel, order.OrderId, cancellationToken).ConfigureAwait(false);
        if (record is null
            || record.Version != order.UpdatedAt
            || record.Status == OrderRecordStatus.Cancelled
            || OrderPayloads.ReadState(record.Payload)?.Order is not { } processed
            || OrderContent.Same(processed, order))
        {
            return order;
        }

        var port = ChannelPorts.Get<IOrderChannel>(_channels, channel);
        var current = await port.GetOrderAsync(order.OrderId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorException($"Order {order.OrderId} of channel {channel} changed without a new version and cannot be read back; waiting for it.", isTransient: true);
        return current.UpdatedAt < record.Version || (current.UpdatedAt == record.Version && OrderContent.Same(processed, current))
            ? null
            : current;
    }

    /// <summary>
    /// For a channel that moves its own stock (<see cref="IStockMovingChannel"/>): the items whose units the channel holds
    /// changed between the version processed before and this one (paid later, cancelled, restocked by a refund). For the
    /// first version seen, every item of the order: the shop may have taken and even given back its units before the
    /// engine heard of the order, and a push made meanwhile may have overwritten the taking (a first version that is
    /// already cancelled then leaves the shop high by the units it put back).
    /// </summary>
    private async ValueTask<HashSet<string>?> ChannelStockMovesAsync(string channel, ChannelOrder order, CancellationToken cancellationToken)
    {
        if (_oversell is null
            || !_channels.TryGetPort<IStockMovingChannel>(channel, out var moving)
            || !moving.StockMoves.OrdersHoldStock)
        {
            return null;
        }

        var record = await _store.GetOrderRecordAsync(channel, order.OrderId, cancellationToken).ConfigureAwait(false);
        if (record is not null && order.UpdatedAt < record.Version)
        {
            return null;
        }

        if (OrderPayloads.ReadState(record?.Payload)?.Order is not { } before)
        {
            return [.. order.Lines.Select(l => l.ChannelItemId)];
        }

        var held = Held(order);
        var was = Held(before);
        HashSet<string>? moved = null;
        foreach (var (item, units) in was)
        {
            if (held.GetValueOrDefault(item) != units)
            {
                (moved ??= new HashSet<string>(StringComparer.Ordinal)).Add(item);
            }
        }

        foreach (var (item, units) in held)
        {
            if (units != 0 && !was.ContainsKey(item))
            {
                (moved ??= new HashSet<string>(StringComparer.Ordinal)).Add(item);
            }
        }

        return moved;

        static Dictionary<string, int> Held(ChannelOrder version)
        {
            var units = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var line in version.Lines)
            {
                units[line.ChannelItemId] = units.GetValueOrDefault(line.ChannelItemId) + (line.StockHeld ?? 0);
            }

            return units;
        }
    }

    private async Task<string> DecideAsync(OrderInboxPayload payload, ChannelOrder order, CancellationToken cancellationToken)
    {
        var channel = payload.Channel;
        var orderId = order.OrderId;
        var record = await _store.GetOrderRecordAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
        var state = OrderPayloads.ReadState(record?.Payload);
        var cancel = order.Status == ChannelOrderStatus.Cancelled || payload.EventKind == OrderEventKind.Cancelled;
        if (record is not null)
        {
            if (record.Status == OrderRecordStatus.Cancelled)
            {
                return "ignored-cancelled";
            }

            if (order.UpdatedAt < record.Version)
            {
                return "stale";
            }

            // The same version with other content was resolved against the channel before (ResolveSameVersionAsync):
            // it is the current order and is decided like a new version.
            if (order.UpdatedAt == record.Version && !cancel && (state?.Order is null || OrderContent.Same(state.Order, order)))
            {
                if (record.Status == OrderRecordStatus.Submitted && state is { Acknowledged: false })
                {
                    await AcknowledgeAsync(order, ReleaseDecision.Release, record.WarehouseReference, null, cancellationToken).ConfigureAwait(false);
                    await SaveAsync(record with { Payload = OrderPayloads.Write(state with { Acknowledged = true }) }, cancellationToken).ConfigureAwait(false);
                    return "acknowledged";
                }

                return "duplicate";
            }
        }

        // The WMS is asked for what was not fulfilled when it got the order; an order it has keeps that baseline, so
        // fulfilment progress (its own shipments, the shop's own fulfilments) never changes the mapped order.
        var inWarehouse = record is { Status: OrderRecordStatus.Submitted } && state?.Submitted is not null;
        var baseline = inWarehouse ? state!.Fulfilled : OrderToShip.Fulfilled(order);
        var toShip = OrderToShip.Remaining(order, baseline);
        var mapped = await _mapper.MapOrderAsync(toShip, cancellationToken).ConfigureAwait(false);
        var warehouse = _warehouse ?? throw new ConnectorException("No IWarehouseOrders is registered; the host must register its WMS order port to process orders.");

        if (record is { Status: OrderRecordStatus.Submitted } && state?.Submitted is { } submitted)
        {
            if (cancel)
            {
                var cancelled = await warehouse.CancelOrderAsync(channel, orderId, "cancelled on the channel", cancellationToken).ConfigureAwait(false);
                if (cancelled.Outcome == WarehouseOrderOutcome.Refused)
                {
                    await ReportCancellationAsync(order, cancelled: false, cancelled.Reason, cancellationToken).ConfigureAwait(false);
                    throw new WarehouseRefusedException(channel, orderId, "cancel", cancelled.Reason);
                }

                await ReportCancellationAsync(order, cancelled: true, "Cancelled in the warehouse.", cancellationToken).ConfigureAwait(false);
                await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Cancelled, cancellationToken).ConfigureAwait(false);

                await SaveAsync(Record(order, OrderRecordStatus.Cancelled, record.WarehouseReference, state with { Order = order }), cancellationToken).ConfigureAwait(false);
                return "cancelled";
            }

            // Everything shipped: nothing the WMS could still do differently, whatever else changed (a refund, the
            // fulfilment status, the engine's own acknowledgement).
            if (OrderToShip.AllFulfilled(order))
            {
                await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Seen, cancellationToken).ConfigureAwait(false);
                await SaveAsync(Record(order, OrderRecordStatus.Submitted, record.WarehouseReference, state with { Order = order }), cancellationToken).ConfigureAwait(false);
                return "fulfilled";
            }

            var changes = OrderDiff.Changes(submitted, mapped.Order);
            if (changes.Count == 0)
            {
                await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Seen, cancellationToken).ConfigureAwait(false);
                await SaveAsync(Record(order, OrderRecordStatus.Submitted, record.WarehouseReference, state with { Order = order }), cancellationToken).ConfigureAwait(false);
                return "unchanged";
            }

            if (mapped.Order.Lines.Count == 0)
            {
                // Every unit the WMS was given was removed on the channel, and the order is not cancelled there: an
                // empty update is no instruction a WMS can act on, and cancelling is the merchant's decision.
                throw new NothingLeftToShipException(channel, orderId);
            }

            var updated = await warehouse.UpdateOrderAsync(mapped.Order, WorkKinds.UpdateKey(channel, orderId, order.UpdatedAt), cancellationToken).ConfigureAwait(false);
            if (updated.Outcome == WarehouseOrderOutcome.Refused)
            {
                throw new WarehouseRefusedException(channel, orderId, "update", $"{updated.Reason ?? "no reason given"} (changed: {string.Join(", ", changes)})");
            }

            await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Seen, cancellationToken).ConfigureAwait(false);
            var reference = updated.WarehouseReference ?? record.WarehouseReference;
            await SaveAsync(Record(order, OrderRecordStatus.Submitted, reference, state with { Order = order, Submitted = mapped.Order, Reason = null }), cancellationToken).ConfigureAwait(false);
            return "updated";
        }

        // Not in the WMS yet: new, held or rejected before.
        if (cancel)
        {
            await CloseWindowAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
            await ReportCancellationAsync(order, cancelled: true, "Cancelled before it reached the warehouse.", cancellationToken).ConfigureAwait(false);
            await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Cancelled, cancellationToken).ConfigureAwait(false);
            await SaveAsync(Record(order, OrderRecordStatus.Cancelled, null, new OrderState(order, null, true, "cancelled before release")), cancellationToken).ConfigureAwait(false);
            return "cancelled";
        }

        // Every unit fulfilled on the channel before the WMS got the order (partly shipped by the merchant, the rest
        // since): nothing for the warehouse; recorded, and the shop's history left untouched.
        if (toShip.Lines.Count == 0 && order.Lines.Count > 0)
        {
            await CloseWindowAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
            await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Seen, cancellationToken).ConfigureAwait(false);
            await SaveAsync(Record(order, OrderRecordStatus.Rejected, null, new OrderState(order, null, true, "every unit is fulfilled on the channel; nothing is left for the warehouse")), cancellationToken).ConfigureAwait(false);
            return "rejected";
        }

        switch (mapped.Release)
        {
            case ReleaseDecision.Reject:
                await CloseWindowAsync(channel, orderId, cancellationToken).ConfigureAwait(false);

                // An order completed or fulfilled on the channel (the first poll's window reads back orders from before
                // the connector was installed) is recorded, not marked: the shop keeps its history untouched.
                if (record?.Status != OrderRecordStatus.Rejected && !DoneOnChannel(order))
                {
                    await AcknowledgeAsync(order, ReleaseDecision.Reject, null, mapped.Reason, cancellationToken).ConfigureAwait(false);
                }

                await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Seen, cancellationToken).ConfigureAwait(false);
                await SaveAsync(Record(order, OrderRecordStatus.Rejected, null, new OrderState(order, null, true, mapped.Reason)), cancellationToken).ConfigureAwait(false);
                return "rejected";

            case ReleaseDecision.Hold:
                await OpenWindowAsync(mapped.Order, cancellationToken).ConfigureAwait(false);
                if (record?.Status != OrderRecordStatus.Held)
                {
                    await AcknowledgeAsync(order, ReleaseDecision.Hold, null, mapped.Reason, cancellationToken).ConfigureAwait(false);
                }

                await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Seen, cancellationToken).ConfigureAwait(false);
                await SaveAsync(Record(order, OrderRecordStatus.Held, null, new OrderState(order, null, true, mapped.Reason)), cancellationToken).ConfigureAwait(false);
                return "held";

            default:
                await OpenWindowAsync(mapped.Order, cancellationToken).ConfigureAwait(false);
                var result = await warehouse.SubmitOrderAsync(mapped.Order, WorkKinds.SubmitKey(channel, orderId), cancellationToken).ConfigureAwait(false);
                if (result.Outcome == WarehouseOrderOutcome.Refused)
                {
                    await CloseWindowAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
                    if (_channels.TryGetPort<IWarehouseAnswerChannel>(channel, out var answers))
                    {
                        await answers.ReportOrderRefusedAsync(order, result.Reason ?? "no reason given", cancellationToken).ConfigureAwait(false);
                    }

                    await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Refused, cancellationToken).ConfigureAwait(false);
                    throw new WarehouseRefusedException(channel, orderId, "accept", result.Reason);
                }

                // The WMS has taken the units: the window closes only together with stock read after the acceptance.
                if (_oversell is not null)
                {
                    await _oversell.AcceptedAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
                }

                // Recorded before the order record: a crash in between retries the item, and the first acceptance time stays.
                await TimelineAsync(order, mapped.Order, SellerPerformanceService.Decision.Accepted, cancellationToken).ConfigureAwait(false);
                var submittedState = new OrderState(order, mapped.Order, false, null, baseline is { Count: > 0 } ? baseline : null);
                var saved = Record(order, OrderRecordStatus.Submitted, result.WarehouseReference, submittedState);
                await SaveAsync(saved, cancellationToken).ConfigureAwait(false);

                // The order is in the WMS now; a failing acknowledgement retries this item, which then only acknowledges.
                await AcknowledgeAsync(order, ReleaseDecision.Release, result.WarehouseReference, null, cancellationToken).ConfigureAwait(false);
                await SaveAsync(saved with { Payload = OrderPayloads.Write(submittedState with { Acknowledged = true }) }, cancellationToken).ConfigureAwait(false);
                return "submitted";
        }
    }

    private ValueTask TimelineAsync(ChannelOrder order, WarehouseOrder mapped, SellerPerformanceService.Decision decision, CancellationToken cancellationToken) =>
        _performance?.OrderDecidedAsync(order, mapped.ShipBy, decision, cancellationToken) ?? ValueTask.CompletedTask;

    private static bool DoneOnChannel(ChannelOrder order) =>
        order.Status == ChannelOrderStatus.Completed || order.FulfillmentStatus == FulfillmentStatus.Fulfilled;

    /// <summary>
    /// A return the channel named without its lines: read by id now, so the warehouse hears of it without waiting for the
    /// returns poll. A return that asks nothing of the warehouse (declined, cancelled, closed) completes the item; one the
    /// channel does not know fails it (not found).
    /// </summary>
    private async Task ProcessReturnNoticeAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var notice = OrderPayloads.ReadReturnNotice(item.Payload);
        var port = ChannelPorts.Get<IReturnLookupChannel>(_channels, notice.Channel);
        if (await port.GetReturnRequestAsync(notice.ReturnId, cancellationToken).ConfigureAwait(false) is not { } request)
        {
            _metrics.ReturnsProcessed.Add(1, ConnectorsMetrics.Channel(notice.Channel), ConnectorsMetrics.Outcome("nothing-to-expect"));
            Log.ReturnProcessed(_logger, notice.ReturnId, notice.Channel, "asks nothing of the warehouse (declined, cancelled or closed on the channel)");
            return;
        }

        await ExpectReturnAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task ExpectReturnAsync(ReturnRequest request, CancellationToken cancellationToken)
    {
        var order = await _lookup.GetAsync(request.Channel, request.ChannelOrderId, cancellationToken).ConfigureAwait(false);
        var expected = await _mapper.MapReturnAsync(request, order, cancellationToken).ConfigureAwait(false);
        var returns = _returns ?? throw new ConnectorException("No IWarehouseReturns is registered; the host must register its WMS returns port to process returns.");
        var result = await returns.ExpectReturnAsync(expected, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == WarehouseOrderOutcome.Refused)
        {
            throw new WarehouseRefusedException(request.Channel, request.ChannelOrderId, $"expect return {request.ReturnId} of", result.Reason);
        }

        _metrics.ReturnsProcessed.Add(1, ConnectorsMetrics.Channel(request.Channel), ConnectorsMetrics.Outcome("expected"));
        Log.ReturnProcessed(_logger, request.ReturnId, request.Channel, "expected by the WMS");
    }

    private async Task AcknowledgeAsync(ChannelOrder order, ReleaseDecision decision, string? reference, string? note, CancellationToken cancellationToken)
    {
        if (!Flow.AcknowledgeOrders
            || !_channels.TryGetPort<IOrderChannel>(order.Channel, out var port)
            || !port.Capabilities.SupportsOrderAcknowledgement)
        {
            return;
        }

        await port.AcknowledgeOrderAsync(new OrderAcknowledgement(order.OrderId, decision, reference, note), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells a channel that waits for the warehouse's answer to a cancellation what it was (see <see cref="IWarehouseAnswerChannel"/>).</summary>
    private async Task ReportCancellationAsync(ChannelOrder order, bool cancelled, string? reason, CancellationToken cancellationToken)
    {
        if (_channels.TryGetPort<IWarehouseAnswerChannel>(order.Channel, out var answers))
        {
            await answers.ReportCancellationAsync(order, cancelled, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask OpenWindowAsync(WarehouseOrder order, CancellationToken cancellationToken)
    {
        if (_oversell is null)
        {
            return;
        }

        var quantities = order.QuantitiesBySku().Select(q => new ReservedQuantity(q.Key, q.Value)).ToArray();
        await _oversell.OpenAsync(new PendingReservation
        {
            Channel = order.Channel,
            OrderId = order.ChannelOrderId,
            Quantities = quantities,
            CreatedAt = _time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CloseWindowAsync(string channel, string orderId, CancellationToken cancellationToken)
    {
        if (_oversell is not null)
        {
            await _oversell.CloseAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
        }
    }

    private OrderRecord Record(ChannelOrder order, OrderRecordStatus status, string? reference, OrderState state) =>
        new()
        {
            Channel = order.Channel,
            OrderId = order.OrderId,
            Version = order.UpdatedAt,
            Status = status,
            WarehouseReference = reference,
            Payload = OrderPayloads.Write(state),
            UpdatedAt = _time.GetUtcNow(),
        };

    private ValueTask SaveAsync(OrderRecord record, CancellationToken cancellationToken) =>
        _store.UpsertOrderRecordAsync(record with { UpdatedAt = _time.GetUtcNow() }, cancellationToken);
}

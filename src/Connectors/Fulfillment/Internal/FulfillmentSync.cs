using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.DeadLetters.Internal;
using Connectors.Internal;
using Connectors.Orders;
using Connectors.Orders.Internal;
using Connectors.Performance.Internal;
using Connectors.Returns.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Fulfillment.Internal;

/// <summary>The fulfilment outbox: intake of shipments, tracking changes and return receipts, and their dispatch. See <see cref="IFulfillmentSync"/>.</summary>
internal sealed class FulfillmentSync : IFulfillmentSync, IOutboundEventSink
{
    private readonly ISyncStateStore _store;
    private readonly IChannelRegistry _channels;
    private readonly IOrderMapper _mapper;
    private readonly IItemResolver _resolver;
    private readonly TimeProvider _time;
    private readonly IOptions<ConnectorsOptions> _options;
    private readonly ConnectorsMetrics _metrics;
    private readonly WorkFailures _failures;
    private readonly ChannelOrderLookup _lookup;
    private readonly ILogger _logger;
    private readonly WorkSignal _outbox;
    private readonly SellerPerformanceService? _performance;

    // Whether the host feeds WMS stock levels at all: without it the engine pushes no channel's stock.
    private readonly bool _pushesStock;

    public FulfillmentSync(
        ISyncStateStore store,
        IChannelRegistry channels,
        IOrderMapper mapper,
        IItemResolver resolver,
        TimeProvider time,
        IOptions<ConnectorsOptions> options,
        ConnectorsMetrics metrics,
        WorkFailures failures,
        ChannelOrderLookup lookup,
        ILogger<FulfillmentSync>? logger = null,
        WorkSignals? signals = null,
        SellerPerformanceService? performance = null,
        IWarehouseInventory? warehouseInventory = null)
    {
        _performance = performance;
        _pushesStock = warehouseInventory is not null;
        _store = store;
        _channels = channels;
        _mapper = mapper;
        _resolver = resolver;
        _time = time;
        _options = options;
        _metrics = metrics;
        _failures = failures;
        _lookup = lookup;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _outbox = (signals ?? new WorkSignals()).Outbox;
    }

    public Task<bool> PublishShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        return EnqueueShipmentAsync(shipment, WorkKinds.ShipmentId(shipment.Channel, shipment.ShipmentId), cancellationToken);
    }

    public async Task<bool> PublishTrackingUpdateAsync(string channel, string channelOrderId, string shipmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(channelOrderId);
        ArgumentException.ThrowIfNullOrEmpty(shipmentId);
        ArgumentNullException.ThrowIfNull(tracking);
        var payload = new TrackingUpdatePayload(channel, channelOrderId, shipmentId, tracking);
        var json = JsonSerializer.Serialize(payload, ConnectorsJsonContext.Default.TrackingUpdatePayload);

        // The same tracking published twice is one item; a different list is a new one.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 8);
        var item = new WorkItem
        {
            Id = $"tracking|{channel}|{shipmentId}|{hash}",
            Channel = channel,
            Kind = WorkKinds.Tracking,
            Payload = json,
            EnqueuedAt = _time.GetUtcNow(),
        };
        return await _outbox.EnqueueAsync(_store, WorkQueue.Outbox, item, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PublishReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var json = JsonSerializer.Serialize(receipt, ConnectorsJsonContext.Default.ReturnReceipt);
        var item = new WorkItem
        {
            Id = WorkKinds.ReturnReceiptId(receipt.Channel, receipt.ReceiptId),
            Channel = receipt.Channel,
            Kind = WorkKinds.ReturnReceipt,
            Payload = json,
            EnqueuedAt = _time.GetUtcNow(),
        };
        return await _outbox.EnqueueAsync(_store, WorkQueue.Outbox, item, cancellationToken).ConfigureAwait(false);
    }

    Task IOutboundEventSink.AcceptShipmentAsync(WarehouseShipment shipment, CancellationToken cancellationToken) => PublishShipmentAsync(shipment, cancellationToken);

    Task IOutboundEventSink.AcceptReturnReceiptAsync(ReturnReceipt receipt, CancellationToken cancellationToken) => PublishReturnReceiptAsync(receipt, cancellationToken);

    public async Task<WorkPassResult> ProcessOutboxAsync(CancellationToken cancellationToken = default)
    {
        return await _failures.RunPassAsync(
            WorkQueue.Outbox,
            _options.Value.Orders.OutboxBatchSize,
            static item => item.Kind == WorkKinds.ReturnReceipt ? ConnectorFlows.Returns : ConnectorFlows.Fulfillment,
            async (item, lease, token) =>
            {
                switch (item.Kind)
                {
                    case WorkKinds.Shipment:
                        await SendShipmentAsync(item, lease, token).ConfigureAwait(false);
                        break;
                    case WorkKinds.Tracking:
                        await SendTrackingAsync(item, token).ConfigureAwait(false);
                        break;
                    case WorkKinds.ReturnReceipt:
                        await ConfirmReturnAsync(item, token).ConfigureAwait(false);
                        break;
                    default:
                        throw new ConnectorException($"Outbox item {item.Id} has kind '{item.Kind}', which the fulfilment flow does not know.");
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a shipment to the outbox under the given item id (reconciliation uses a fresh id to send one again).</summary>
    internal async Task<bool> EnqueueShipmentAsync(WarehouseShipment shipment, string itemId, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(shipment, ConnectorsJsonContext.Default.WarehouseShipment);
        var item = new WorkItem
        {
            Id = itemId,
            Channel = shipment.Channel,
            Kind = WorkKinds.Shipment,
            Payload = json,
            EnqueuedAt = _time.GetUtcNow(),
        };
        return await _outbox.EnqueueAsync(_store, WorkQueue.Outbox, item, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the channel shows a fulfilment created for this shipment (the mapper's idempotency key, the shipment id by default).</summary>
    internal static ChannelFulfillment? FindSent(IReadOnlyList<ChannelFulfillment> sent, string key) =>
        sent.FirstOrDefault(f => string.Equals(f.IdempotencyKey, key, StringComparison.Ordinal));

    private async Task SendShipmentAsync(WorkItem item, WorkLease lease, CancellationToken cancellationToken)
    {
        var shipment = JsonSerializer.Deserialize(item.Payload, ConnectorsJsonContext.Default.WarehouseShipment)
            ?? throw new JsonException("The shipment payload is empty.");
        var port = ChannelPorts.Get<IFulfillmentChannel>(_channels, shipment.Channel);
        var order = await _lookup.GetAsync(shipment.Channel, shipment.ChannelOrderId, cancellationToken).ConfigureAwait(false);
        var request = ShipFrom(await _mapper.MapShipmentAsync(shipment, order, cancellationToken).ConfigureAwait(false), shipment, port);

        // A retry may follow a call whose answer was lost (timeout, crash after sending): look before sending again,
        // so a channel that is not idempotent on the key still gets the shipment once.
        if (item.Attempts > 1)
        {
            var sent = await port.ListFulfillmentsAsync(shipment.ChannelOrderId, cancellationToken).ConfigureAwait(false);
            if (FindSent(sent, request.IdempotencyKey) is not null)
            {
                await ConfirmedAsync(shipment, cancellationToken).ConfigureAwait(false);
                Sent(shipment, "already-present");
                return;
            }
        }

        // The look-ups above can take seconds (or the host was paused): if the lease ran out meanwhile and another worker
        // claimed the shipment, that worker sends it; creating it here as well would ship it twice on a channel that does
        // not de-duplicate.
        await lease.EnsureOwnedAsync("creating the shipment", cancellationToken).ConfigureAwait(false);
        try
        {
            await port.CreateFulfillmentAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            // The HTTP pipeline may have repeated a call whose first answer was lost (a connection reset after the
            // shop had created it): the channel then refuses the repeat as invalid although the shipment is there.
            // Look once before calling the refusal permanent.
            var sent = await port.ListFulfillmentsAsync(shipment.ChannelOrderId, cancellationToken).ConfigureAwait(false);
            if (FindSent(sent, request.IdempotencyKey) is null)
            {
                throw;
            }

            await ConfirmedAsync(shipment, cancellationToken).ConfigureAwait(false);
            Sent(shipment, "already-present");
            return;
        }

        await ConfirmedAsync(shipment, cancellationToken).ConfigureAwait(false);
        Sent(shipment, "created");
    }

    /// <summary>Records the confirmation for seller performance before the item completes, so a crash retries into "already present" and records it then.</summary>
    private ValueTask ConfirmedAsync(WarehouseShipment shipment, CancellationToken cancellationToken) =>
        _performance?.ShipmentConfirmedAsync(shipment, cancellationToken) ?? ValueTask.CompletedTask;

    /// <summary>
    /// Names the channel locations the shipment left from: its WMS location through the channel's inventory location
    /// mapping (the same WMS → channel mapping that decides where its stock is shown), or, with no mapping, the WMS
    /// location id itself for a channel that keeps several locations (as the inventory flow does). A WMS location the
    /// mapping does not name leaves the request without locations, so the channel chooses as before.
    /// </summary>
    private FulfillmentRequest ShipFrom(FulfillmentRequest request, WarehouseShipment shipment, IFulfillmentChannel port)
    {
        if (shipment.WarehouseLocation is not { } from || request.ChannelLocationIds.Count > 0)
        {
            return request;
        }

        var mapping = _options.Value.Inventory.Channels.TryGetValue(shipment.Channel, out var settings) ? settings.Locations : [];
        string[] locations = mapping.Count > 0
            ? [.. mapping.Where(m => string.Equals(m.WarehouseLocation, from, StringComparison.Ordinal)).Select(m => m.ChannelLocation).Distinct(StringComparer.Ordinal)]
            : port.Capabilities.SupportsMultipleLocations ? [from] : [];
        return locations.Length == 0 ? request : request with { ChannelLocationIds = locations };
    }

    private void Sent(WarehouseShipment shipment, string outcome)
    {
        _metrics.FulfillmentsSent.Add(1, ConnectorsMetrics.Channel(shipment.Channel), ConnectorsMetrics.Outcome(outcome));
        Log.ShipmentSent(_logger, shipment.ShipmentId, shipment.ChannelOrderId, shipment.Channel, outcome);
    }

    private async Task SendTrackingAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var update = JsonSerializer.Deserialize(item.Payload, ConnectorsJsonContext.Default.TrackingUpdatePayload)
            ?? throw new JsonException("The tracking payload is empty.");
        var port = ChannelPorts.Get<IFulfillmentChannel>(_channels, update.Channel);
        var sent = await port.ListFulfillmentsAsync(update.ChannelOrderId, cancellationToken).ConfigureAwait(false);
        var fulfillment = FindSent(sent, update.ShipmentId)
            ?? throw new ConnectorException(
                $"Shipment {update.ShipmentId} of order {update.ChannelOrderId} is not on channel {update.Channel} yet; the tracking update waits for it.",
                isTransient: true);
        await port.UpdateTrackingAsync(fulfillment.FulfillmentId, update.Tracking, cancellationToken).ConfigureAwait(false);
        _metrics.FulfillmentsSent.Add(1, ConnectorsMetrics.Channel(update.Channel), ConnectorsMetrics.Outcome("tracking-updated"));
        Log.ShipmentSent(_logger, update.ShipmentId, update.ChannelOrderId, update.Channel, "tracking updated");
    }

    private async Task ConfirmReturnAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var receipt = JsonSerializer.Deserialize(item.Payload, ConnectorsJsonContext.Default.ReturnReceipt)
            ?? throw new JsonException("The return receipt payload is empty.");
        var port = ChannelPorts.Get<IReturnChannel>(_channels, receipt.Channel);
        var order = await _lookup.GetAsync(receipt.Channel, receipt.ChannelOrderId, cancellationToken).ConfigureAwait(false);
        var lines = await ReturnLineMapper.MapAsync(receipt, order, _resolver, cancellationToken).ConfigureAwait(false);
        var flow = _options.Value.Orders;
        var restock = flow.RestockOnReturn && receipt.Lines.Any(l => l.Restock) && !PushedAndRestocksItself(receipt.Channel);
        var refund = flow.RefundOnReturn == ReturnRefundPolicy.WhenReceived;
        await port.ConfirmReturnAsync(new ReturnConfirmation(receipt.ReturnId, lines, restock, refund, receipt.ReceiptId), cancellationToken).ConfigureAwait(false);
        var outcome = string.Create(CultureInfo.InvariantCulture, $"confirmed (restock {restock}, refund {refund})");
        _metrics.ReturnsProcessed.Add(1, ConnectorsMetrics.Channel(receipt.Channel), ConnectorsMetrics.Outcome("confirmed"));
        Log.ReturnProcessed(_logger, receipt.ReturnId, receipt.Channel, outcome);
    }

    /// <summary>
    /// Whether the engine pushes the channel's stock and the channel's own restock would add the returned units again
    /// on top of the WMS's level, which counts them once received (issue 18 item 1). A host without a WMS stock source
    /// (no <see cref="IWarehouseInventory"/>) pushes no stock, so the channel's restock is the only way the units come back.
    /// </summary>
    private bool PushedAndRestocksItself(string channel) =>
        _pushesStock
        && _channels.TryGetPort<IStockMovingChannel>(channel, out var moving)
        && moving.StockMoves.RestockAddsStock
        && _channels.TryGetPort<IInventoryChannel>(channel, out _);
}

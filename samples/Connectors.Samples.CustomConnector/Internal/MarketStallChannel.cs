using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Samples.CustomConnector.Platform;
using Microsoft.Extensions.Options;

namespace Connectors.Samples.CustomConnector.Internal;

/// <summary>
/// The connector proper: translates between the engine's ports and the platform. It keeps no state of its own
/// (the engine keeps cursors, retries and dead letters), maps platform failures to the typed
/// <see cref="ConnectorException"/> family (transient ones are retried by the engine, the rest become dead letters),
/// and makes every write idempotent, because the engine retries after a lost answer.
/// </summary>
internal sealed class MarketStallChannel(string name, MarketStall stall, IOptionsMonitor<MarketStallOptions> options)
    : IInventoryChannel, IOrderChannel, IFulfillmentChannel
{
    public const string PlatformName = "market-stall";

    public string Name => name;

    public string Platform => PlatformName;

    // What the engine may expect: batch size, one stock figure per listing, partial shipments, no webhooks, order tags.
    public ChannelCapabilities Capabilities => new(
        maxInventoryBatchSize: options.Get(name).MaxBatchSize,
        supportsMultipleLocations: false,
        supportsPartialFulfillment: true,
        supportsWebhooks: false,
        supportsReturns: false,
        supportsOrderAcknowledgement: true);

    // Inventory ----------------------------------------------------------------------------------------------

    public Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var results = new List<InventoryPushItemResult>(targets.Count);
        foreach (var target in targets)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Per-item outcomes: one bad item must not fail the batch. Rejected items become dead letters.
            if (target.LocationId != InventoryTarget.DefaultLocation)
            {
                results.Add(InventoryPushItemResult.Rejected(target, $"the stall keeps one stock figure; location '{target.LocationId}' is not one of its locations", "LOCATION"));
            }
            else if (Call(() => stall.SetStock(target.ChannelItemId, target.Quantity)))
            {
                results.Add(InventoryPushItemResult.Applied(target));
            }
            else
            {
                results.Add(InventoryPushItemResult.Rejected(target, $"'{target.ChannelItemId}' is not listed on the stall", "NOT_LISTED"));
            }
        }

        return Task.FromResult<IReadOnlyList<InventoryPushItemResult>>(results);
    }

    public async IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var (sku, quantity) in Call(stall.GetListings))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (channelItemIds is null || channelItemIds.Contains(sku))
            {
                yield return new ChannelInventoryLevel
                {
                    ChannelItemId = sku,
                    LocationId = InventoryTarget.DefaultLocation,
                    Available = quantity,
                };
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    // Orders -------------------------------------------------------------------------------------------------

    public async IAsyncEnumerable<ChannelOrder> ListOrdersAsync(DateTimeOffset updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A real platform pages here (IAsyncEnumerable: one page in memory at a time); the engine keeps the cursor.
        foreach (var order in Call(() => stall.GetOrdersModifiedSince(updatedSince)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ToChannelOrder(order);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ChannelOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Call(() => stall.GetOrder(orderId)) is { } order ? ToChannelOrder(order) : null);

    public Task AcknowledgeOrderAsync(OrderAcknowledgement acknowledgement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var tag = acknowledgement.Decision switch
        {
            ReleaseDecision.Release => $"{options.Get(name).AcknowledgementTag}:{acknowledgement.WarehouseReference}",
            ReleaseDecision.Hold => $"{options.Get(name).AcknowledgementTag}:held",
            _ => $"{options.Get(name).AcknowledgementTag}:refused",
        };

        // Idempotent: the stall keeps a tag once, so a retried acknowledgement leaves one mark.
        return Call(() => stall.AddTag(acknowledgement.ChannelOrderId, tag))
            ? Task.CompletedTask
            : throw NotFound($"Order {acknowledgement.ChannelOrderId}");
    }

    // Fulfilment ---------------------------------------------------------------------------------------------

    public Task<ChannelFulfillment> CreateFulfillmentAsync(FulfillmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Idempotent on the WMS shipment id: the stall stores it as the shipment's reference, so look before writing.
        var existing = Call(() => stall.GetShipments(request.ChannelOrderId)).FirstOrDefault(s => s.Reference == request.IdempotencyKey);
        var shipment = existing ?? Call(() => stall.AddShipment(
            request.ChannelOrderId,
            request.IdempotencyKey,
            [.. request.Lines.Select(l => (l.LineId, l.Quantity))],
            [.. request.Tracking.Select(t => t.Number)]))
            ?? throw NotFound($"Order {request.ChannelOrderId}");
        return Task.FromResult(ToChannelFulfillment(shipment));
    }

    public Task<IReadOnlyList<ChannelFulfillment>> ListFulfillmentsAsync(string channelOrderId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChannelFulfillment>>([.. Call(() => stall.GetShipments(channelOrderId)).Select(ToChannelFulfillment)]);

    public Task UpdateTrackingAsync(string fulfillmentId, IReadOnlyList<TrackingInfo> tracking, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        return Call(() => stall.SetTracking(fulfillmentId, [.. tracking.Select(t => t.Number)]))
            ? Task.CompletedTask
            : throw NotFound($"Shipment {fulfillmentId}");
    }

    // Mapping between the platform's model and the canonical one ---------------------------------------------

    private ChannelOrder ToChannelOrder(StallOrder order) => new(
        name,
        order.Id,
        order.Currency,
        [.. order.Lines.Select(l => new ChannelOrderLine(l.Id, l.Sku, l.Quantity, new Money(l.UnitPrice, order.Currency), l.Sku))],
        order.PlacedAt,
        order.ModifiedAt, // the version: a later one supersedes an earlier one
        orderNumber: order.Id,
        status: order.IsCancelled ? ChannelOrderStatus.Cancelled : ChannelOrderStatus.Open,
        paymentStatus: order.IsPaid ? PaymentStatus.Paid : PaymentStatus.Pending,
        tags: order.Tags);

    private static ChannelFulfillment ToChannelFulfillment(StallShipment shipment) => new()
    {
        FulfillmentId = shipment.Id,
        ChannelOrderId = shipment.OrderId,
        Lines = [.. shipment.Lines.Select(l => new FulfillmentLine(l.LineId, l.Quantity))],
        Tracking = [.. shipment.TrackingNumbers.Select(n => new TrackingInfo(n))],
        IdempotencyKey = shipment.Reference,
    };

    // Errors: the platform's failures become the typed ConnectorException family --------------------------------

    private static T Call<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (TimeoutException e)
        {
            // Transient: the engine retries with backoff; after MaxAttempts the item becomes a dead letter.
            throw new ConnectorRequestFailedException(PlatformName, "the stall did not answer", statusCode: 504, isTransient: true, innerException: e);
        }
    }

    private static ConnectorNotFoundException NotFound(string what) =>
        new(PlatformName, string.Create(CultureInfo.InvariantCulture, $"{what} does not exist on the stall."));
}

using Connectors.Mapping;
using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>
/// Fulfilment progress is not an order change: a version of an order the WMS has that differs only by units fulfilled
/// (the WMS's own shipments confirmed on the channel, or the shop's own fulfilments) is recorded, not sent as a WMS order
/// update; a fully fulfilled order is never sent again; the WMS first gets only the units not yet fulfilled; and an
/// order left with nothing to ship is not sent as an empty update. The WMS here refuses every update, as the SAP EWM
/// adapter does, so an update the engine should not have sent shows as a dead letter too.
/// </summary>
public partial class OrderSyncTests
{
    private static ChannelOrder Progress(
        string id, int minute, FulfillmentStatus fulfilment, IReadOnlyList<(string Item, int Quantity, int Fulfilled)> lines, Address? shipTo = null, ChannelOrderStatus status = ChannelOrderStatus.Open) =>
        new(
            OrderFlowHarness.Name,
            id,
            "EUR",
            [.. lines.Select((l, i) => new ChannelOrderLine((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), l.Item, l.Quantity, new Money(10m, "EUR"), l.Item) { FulfilledQuantity = l.Fulfilled })],
            ModelFactory.Epoch,
            ModelFactory.Epoch.AddMinutes(minute),
            "#" + id,
            status,
            PaymentStatus.Paid,
            fulfilment,
            shipTo ?? new Address { Name = "Ada Lovelace", Line1 = "1 Analytical Way", City = "London", PostalCode = "N1 1AA", CountryCode = "GB" });

    private static async Task<(OrderRecord Record, int DeadLetters)> DeliverAsync(OrderFlowHarness h, params ChannelOrder[] versions)
    {
        foreach (var version in versions)
        {
            await h.Orders.AcceptAsync(OrderFlowHarness.Webhook(version, "d-" + version.UpdatedAt.UtcTicks), Ct);
            await h.Orders.ProcessInboxAsync(Ct);
        }

        var letters = await h.Store.ListDeadLettersAsync(null, Ct).ToListAsync(Ct);
        return ((await h.Store.GetOrderRecordAsync(OrderFlowHarness.Name, versions[0].OrderId, Ct))!, letters.Count);
    }

    [Fact]
    public async Task ProcessInbox_LaterVersionsOnlyFulfilmentProgress_NoWarehouseUpdate()
    {
        var wms = new UpdateRecordingWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: wms);

        var (record, deadLetters) = await DeliverAsync(
            h,
            Progress("5001", 1, FulfillmentStatus.Unfulfilled, [("SKU-1", 2, 0), ("SKU-2", 1, 0)]),
            Progress("5001", 2, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 2, 1), ("SKU-2", 1, 0)]),   // the WMS's first parcel
            Progress("5001", 3, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 2, 1), ("SKU-2", 1, 1)]),   // the merchant ships one by hand
            Progress("5001", 4, FulfillmentStatus.Fulfilled, [("SKU-1", 2, 2), ("SKU-2", 1, 1)]));

        Assert.Empty(wms.Updates);
        Assert.Equal(0, deadLetters);
        Assert.Equal((OrderRecordStatus.Submitted, ModelFactory.Epoch.AddMinutes(4)), (record.Status, record.Version));
        Assert.Equal([2m, 1m], wms.Inner.Orders[(OrderFlowHarness.Name, "5001")].Lines.Select(l => l.Quantity));
    }

    [Fact]
    public async Task ProcessInbox_FullyFulfilledOrderThenRefunded_NoWarehouseUpdate()
    {
        // Shipped whole, then one unit refunded (a return): the quantity ordered drops, but the warehouse has nothing
        // left to do for the order. Before this change the engine sent an update of line 1 from 2 to 1 units.
        var wms = new UpdateRecordingWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: wms);

        var (record, deadLetters) = await DeliverAsync(
            h,
            Progress("5002", 1, FulfillmentStatus.Unfulfilled, [("SKU-1", 2, 0)]),
            Progress("5002", 2, FulfillmentStatus.Fulfilled, [("SKU-1", 1, 1)]));

        Assert.Empty(wms.Updates);
        Assert.Equal(0, deadLetters);
        Assert.Equal(ModelFactory.Epoch.AddMinutes(2), record.Version);
    }

    [Fact]
    public async Task ProcessInbox_PartlyFulfilledOnTheChannelBeforeTheWmsGotIt_WmsGetsOnlyTheUnitsLeftAndKeepsThemWhenTheRestShips()
    {
        // Issue 17 item 12: units the merchant shipped before the connector saw the order were sent to the WMS again.
        var wms = new UpdateRecordingWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: wms, mapper: new ReleasingMapper(new IdentityOrderMapper(new TestCatalogue())));

        var (record, deadLetters) = await DeliverAsync(
            h,
            Progress("5003", 1, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 3, 1), ("SKU-2", 2, 2)]),
            Progress("5003", 2, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 3, 2), ("SKU-2", 2, 2)]),
            Progress("5003", 3, FulfillmentStatus.Fulfilled, [("SKU-1", 3, 3), ("SKU-2", 2, 2)]));

        var submitted = wms.Inner.Orders[(OrderFlowHarness.Name, "5003")];
        Assert.Equal([("SKU-1", 2m)], submitted.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Empty(wms.Updates);
        Assert.Equal(0, deadLetters);
        Assert.Equal(OrderRecordStatus.Submitted, record.Status);
    }

    [Fact]
    public async Task ProcessInbox_EveryUnitFulfilledOnTheChannelBeforeTheWmsGotIt_NothingSubmitted()
    {
        var wms = new UpdateRecordingWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: wms, mapper: new ReleasingMapper(new IdentityOrderMapper(new TestCatalogue())));

        var (record, deadLetters) = await DeliverAsync(h, Progress("5004", 1, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 2, 2)]));

        Assert.Empty(wms.Inner.Orders);
        Assert.Equal(0, deadLetters);
        Assert.Equal(OrderRecordStatus.Rejected, record.Status);
        Assert.Empty(h.Channel.Acknowledgements);
    }

    [Fact]
    public async Task ProcessInbox_PartShippedAndAddressChanged_UpdateCarriesTheNewAddressAndTheSameLines()
    {
        var wms = new UpdateRecordingWarehouse { RefuseUpdates = false };
        using var h = new OrderFlowHarness(warehouseOrders: wms);
        var moved = new Address { Name = "Ada Lovelace", Line1 = "12 St James's Square", City = "London", PostalCode = "SW1Y 4LB", CountryCode = "GB" };

        await DeliverAsync(
            h,
            Progress("5005", 1, FulfillmentStatus.Unfulfilled, [("SKU-1", 3, 0)]),
            Progress("5005", 2, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 3, 1)], moved));

        var update = Assert.Single(wms.Updates);
        Assert.Equal(moved, update.ShipTo);
        Assert.Equal([3m], update.Lines.Select(l => l.Quantity));
    }

    [Fact]
    public async Task ProcessInbox_PartShippedThenUnitRemoved_UpdateCarriesTheOrderedUnits()
    {
        // What was ordered changes (an edit removes one unshipped unit): that is an update, and its lines are the
        // units ordered, not the units left after the shipment.
        var wms = new UpdateRecordingWarehouse { RefuseUpdates = false };
        using var h = new OrderFlowHarness(warehouseOrders: wms);

        await DeliverAsync(
            h,
            Progress("5006", 1, FulfillmentStatus.Unfulfilled, [("SKU-1", 3, 0)]),
            Progress("5006", 2, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 3, 1)]),
            Progress("5006", 3, FulfillmentStatus.PartiallyFulfilled, [("SKU-1", 2, 1)]));

        var update = Assert.Single(wms.Updates);
        Assert.Equal([2m], update.Lines.Select(l => l.Quantity));
    }

    [Fact]
    public async Task ProcessInbox_EveryLineRemovedButNotCancelled_NoEmptyUpdateAnOrderException()
    {
        var wms = new UpdateRecordingWarehouse { RefuseUpdates = false };
        using var h = new OrderFlowHarness(warehouseOrders: wms);

        var (_, deadLetters) = await DeliverAsync(
            h,
            Progress("5007", 1, FulfillmentStatus.Unfulfilled, [("SKU-1", 1, 0)]),
            Progress("5007", 2, FulfillmentStatus.Unfulfilled, []));

        Assert.Empty(wms.Updates);
        Assert.Equal(1, deadLetters);
        var exception = Assert.Single(await h.Orders.ListExceptionsAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Contains("no unit left for the warehouse to ship", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessInbox_FulfilledOrderCancelled_StillACancellation()
    {
        var wms = new UpdateRecordingWarehouse();
        using var h = new OrderFlowHarness(warehouseOrders: wms);

        var (record, _) = await DeliverAsync(
            h,
            Progress("5008", 1, FulfillmentStatus.Unfulfilled, [("SKU-1", 1, 0)]),
            Progress("5008", 2, FulfillmentStatus.Fulfilled, [("SKU-1", 1, 1)], status: ChannelOrderStatus.Cancelled));

        Assert.Equal(OrderRecordStatus.Cancelled, record.Status);
        Assert.Contains((OrderFlowHarness.Name, "5008"), wms.Inner.Cancelled);
        Assert.Empty(wms.Updates);
    }

    /// <summary>The identity mapping, releasing whatever the default rules would hold (a profile that releases part-fulfilled orders).</summary>
    private sealed class ReleasingMapper(IOrderMapper inner) : IOrderMapper
    {
        public async ValueTask<OrderMappingResult> MapOrderAsync(ChannelOrder order, CancellationToken cancellationToken = default)
        {
            var mapped = await inner.MapOrderAsync(order, cancellationToken);
            return mapped.Release == ReleaseDecision.Hold ? new OrderMappingResult { Order = mapped.Order, Release = ReleaseDecision.Release } : mapped;
        }

        public ValueTask<FulfillmentRequest> MapShipmentAsync(WarehouseShipment shipment, ChannelOrder order, CancellationToken cancellationToken = default) =>
            inner.MapShipmentAsync(shipment, order, cancellationToken);

        public ValueTask<ExpectedReturn> MapReturnAsync(ReturnRequest request, ChannelOrder order, CancellationToken cancellationToken = default) =>
            inner.MapReturnAsync(request, order, cancellationToken);
    }
}

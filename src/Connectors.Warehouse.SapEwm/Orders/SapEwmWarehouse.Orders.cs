using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm;

public sealed partial class SapEwmWarehouse
{
    /// <summary>
    /// Creates the order as an S/4HANA sales order by deep insert (header, ship-to partner with the order's address,
    /// items), carrying <paramref name="idempotencyKey"/> in <see cref="SapEwmOptions.ReferenceField"/>. A sales order
    /// that already carries the key is returned instead of creating a second, so a retry after a lost answer is safe.
    /// </summary>
    /// <param name="order">The order in WMS terms; <see cref="WarehouseOrderLine.Sku"/> is the SAP material.</param>
    /// <param name="idempotencyKey">
    /// The engine's key (<c>{channel}:{orderId}</c>): at most 70 characters, the first 35 in <see cref="SapEwmOptions.ReferenceField"/>
    /// and the rest in the other customer reference field.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted with the sales order number, or refused naming the field SAP cannot hold.</returns>
    public async Task<WarehouseOrderResult> SubmitOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var options = Options;
        if (idempotencyKey.Length > SalesOrderReference.MaxSalesOrderLength)
        {
            return WarehouseOrderResult.Refused(
                $"the idempotency key '{idempotencyKey}' is {idempotencyKey.Length} characters; the sales order's customer reference fields (PurchaseOrderByCustomer and PurchaseOrderByShipToParty) hold {SalesOrderReference.MaxSalesOrderLength} together (shorten the channel name)");
        }

        if (await FindSalesOrderAsync(idempotencyKey, cancellationToken).ConfigureAwait(false) is { SalesOrder: { Length: > 0 } existing })
        {
            Log.SalesOrderFound(_logger, existing, idempotencyKey);
            return WarehouseOrderResult.Accepted(existing);
        }

        var problems = new List<string>();
        var create = SalesOrderMapper.Map(order, idempotencyKey, options, problems);
        if (problems.Count > 0)
        {
            return WarehouseOrderResult.Refused("SAP cannot take this order: " + string.Join("; ", problems));
        }

        var created = await _client.PostAsync(
            SapServices.SalesOrders(options), SapServices.SalesOrderSet, create!, SapJsonContext.Default.SalesOrderCreate, SapJsonContext.Default.ODataV2EnvelopeSalesOrderRead, cancellationToken).ConfigureAwait(false);
        var number = created.D?.SalesOrder is { Length: > 0 } n
            ? n
            : throw new ConnectorRequestFailedException(PlatformName, $"POST {SapServices.SalesOrderSet} answered without the number of the created sales order", 201, "invalid_response", isTransient: false);
        Log.SalesOrderCreated(_logger, number, idempotencyKey);
        return WarehouseOrderResult.Accepted(number);
    }

    /// <summary>
    /// Not supported yet: a changed channel order is refused with a reason that names the sales order to change in
    /// SAP. (The Sales Order API can change items; EWM's warehouse request then follows only while not yet picked.)
    /// </summary>
    /// <param name="order">The changed order.</param>
    /// <param name="idempotencyKey">Channel, order id and version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A refusal.</returns>
    public async Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var reference = SalesOrderReference.For(order.Channel, order.ChannelOrderId);
        var existing = await FindSalesOrderAsync(reference, cancellationToken).ConfigureAwait(false);
        return WarehouseOrderResult.Refused(existing?.SalesOrder is { } number
            ? $"the SAP EWM adapter does not change orders yet; change sales order {number} in SAP"
            : $"the SAP EWM adapter does not change orders yet, and no sales order carries reference '{reference}'");
    }

    /// <summary>
    /// Cancels the order. When its outbound delivery orders are in EWM, each item is adjusted to quantity 0 with
    /// <c>AdjustDeliveryItemQuantity</c>, which EWM allows only while picking has not started; after that (or after goods
    /// issue) the cancellation is refused with the reason. When no outbound delivery order exists yet, the sales order
    /// items are rejected with <see cref="SapEwmOptions.RejectionReason"/> (refused when none is configured).
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="channelOrderId">The channel's order id.</param>
    /// <param name="reason">Why, for the operator (not sent: the APIs have no field for it).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted with the sales order number, or refused with the reason.</returns>
    public async Task<WarehouseOrderResult> CancelOrderAsync(string channel, string channelOrderId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentException.ThrowIfNullOrEmpty(channelOrderId);
        var options = Options;
        var reference = SalesOrderReference.For(channel, channelOrderId);
        if (await FindSalesOrderAsync(reference, cancellationToken).ConfigureAwait(false) is not { SalesOrder: { Length: > 0 } salesOrder })
        {
            return WarehouseOrderResult.Refused($"no sales order carries reference '{reference}' in {SalesOrderReference.FieldName(options.ReferenceField)}");
        }

        var items = new List<OdoItem>();
        var itemQuery = SapServices.DeliveryItemSet
            + "?$select=EWMOutboundDeliveryOrder,EWMOutboundDeliveryOrderItem,Product,ProductQuantity,GoodsIssueStatus,PickingStatus,SalesOrder"
            + "&$filter=" + ODataLiteral.Escape("SalesOrder eq " + ODataLiteral.String(salesOrder));
        await foreach (var item in _client.QueryV4Async(SapServices.Deliveries(options), itemQuery, SapJsonContext.Default.ODataV4PageOdoItem, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        var refusal = items.Count == 0
            ? await RejectSalesOrderAsync(salesOrder, cancellationToken).ConfigureAwait(false)
            : await ZeroDeliveryItemsAsync(salesOrder, items, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            Log.CancelRefused(_logger, salesOrder, refusal);
            return WarehouseOrderResult.Refused(refusal);
        }

        if (items.Count > 0 && options.RejectionReason is { Length: > 0 }
            && await RejectSalesOrderAsync(salesOrder, cancellationToken).ConfigureAwait(false) is { } notRejected)
        {
            // The delivery quantities are 0 already, so the cancellation holds in the warehouse; the sales order items
            // stay open and may become due for delivery again, which the operator must see.
            Log.SalesOrderNotRejected(_logger, salesOrder, notRejected);
        }

        return WarehouseOrderResult.Accepted(salesOrder);
    }

    private async Task<string?> ZeroDeliveryItemsAsync(string salesOrder, List<OdoItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            if (item.GoodsIssueStatus is "2" or "9")
            {
                return $"goods issue is already posted for outbound delivery order {item.EWMOutboundDeliveryOrder} (item {item.EWMOutboundDeliveryOrderItem}) of sales order {salesOrder}";
            }

            if (item.PickingStatus is "2" or "9")
            {
                return $"picking has started for outbound delivery order {item.EWMOutboundDeliveryOrder} (item {item.EWMOutboundDeliveryOrderItem}) of sales order {salesOrder}; EWM reduces a delivery quantity to 0 only before picking";
            }
        }

        var service = SapServices.Deliveries(Options);
        foreach (var item in items.Where(i => i.ProductQuantity is not 0m))
        {
            var path = SapServices.DeliveryItemSet + "/" + Uri.EscapeDataString(item.EWMOutboundDeliveryOrder ?? string.Empty)
                + "/" + Uri.EscapeDataString(item.EWMOutboundDeliveryOrderItem ?? string.Empty) + "/SAP__self.AdjustDeliveryItemQuantity";
            try
            {
                await _client.InvokeActionAsync(service, path, cancellationToken).ConfigureAwait(false);
            }
            catch (SapRequestFailedException ex) when (!ex.IsTransient)
            {
                // Picking started between the read and the action: EWM refuses, and so does the adapter.
                return $"EWM refused to adjust outbound delivery order {item.EWMOutboundDeliveryOrder} item {item.EWMOutboundDeliveryOrderItem} to 0: {ex.SapMessage} ({ex.SapCode})";
            }
        }

        return null;
    }

    private async Task<string?> RejectSalesOrderAsync(string salesOrder, CancellationToken cancellationToken)
    {
        var options = Options;
        if (options.RejectionReason is not { Length: > 0 } rejection)
        {
            return $"sales order {salesOrder} has no outbound delivery order in EWM yet, and no RejectionReason is configured to reject its items";
        }

        var service = SapServices.SalesOrders(options);
        var key = "SalesOrder=" + ODataLiteral.String(salesOrder);
        var items = new List<SalesOrderItemRead>();
        await foreach (var item in _client.QueryV2Async(
            service, $"{SapServices.SalesOrderSet}({ODataLiteral.String(salesOrder)})/to_Item?$select=SalesOrder,SalesOrderItem,SalesDocumentRjcnReason,SDProcessStatus",
            SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionSalesOrderItemRead, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        foreach (var item in items.Where(i => string.IsNullOrEmpty(i.SalesDocumentRjcnReason)))
        {
            var path = $"{SapServices.SalesOrderItemSet}({key},SalesOrderItem={ODataLiteral.String(item.SalesOrderItem ?? string.Empty)})";
            try
            {
                await _client.PatchAsync(service, path, new SalesOrderItemReject { SalesDocumentRjcnReason = rejection }, SapJsonContext.Default.SalesOrderItemReject, item.Metadata?.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (SapRequestFailedException ex) when (!ex.IsTransient)
            {
                // A delivery was created between the read and the change, or the item is otherwise closed.
                return $"SAP refused to reject item {item.SalesOrderItem} of sales order {salesOrder}: {ex.SapMessage} ({ex.SapCode})";
            }
        }

        return null;
    }

    private async Task<SalesOrderRead?> FindSalesOrderAsync(string reference, CancellationToken cancellationToken)
    {
        var options = Options;
        var query = SapServices.SalesOrderSet
            + "?$select=SalesOrder,PurchaseOrderByCustomer,PurchaseOrderByShipToParty,OverallSDProcessStatus"
            + "&$filter=" + ODataLiteral.Escape(SalesOrderReference.Filter(reference, options.ReferenceField))
            + "&$top=2";
        SalesOrderRead? found = null;
        await foreach (var order in _client.QueryV2Async(SapServices.SalesOrders(options), query, SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionSalesOrderRead, cancellationToken).ConfigureAwait(false))
        {
            // The filter is exact in SAP; compare again so a system that matched loosely cannot pair the wrong order.
            if (string.Equals(SalesOrderReference.Read(order, options.ReferenceField), reference, StringComparison.Ordinal))
            {
                found ??= order;
            }
        }

        return found;
    }
}

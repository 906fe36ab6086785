using System.Globalization;
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
    /// Applies a changed channel order to its sales order where SAP can take it: a line whose quantity went down, or a
    /// line removed. Before EWM has an outbound delivery order the sales order item's <c>RequestedQuantity</c> is
    /// changed (a removed line is rejected with <see cref="SapEwmOptions.RejectionReason"/>); with one, while picking has
    /// not started, the delivery order item's <c>ProductQuantity</c> is changed (a removed line is adjusted to 0 with
    /// <c>AdjustDeliveryItemQuantity</c>) and the sales order item follows. Increases, new lines, a change after picking
    /// started, and a change that leaves the lines as SAP has them (ship-to address or shipping method) are refused
    /// naming what cannot be changed.
    /// </summary>
    /// <param name="order">The changed order.</param>
    /// <param name="idempotencyKey">Channel, order id and version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Accepted with the sales order number, or refused with the reason.</returns>
    public async Task<WarehouseOrderResult> UpdateOrderAsync(WarehouseOrder order, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var options = Options;
        var reference = SalesOrderReference.For(order.Channel, order.ChannelOrderId);
        if (await FindSalesOrderAsync(reference, cancellationToken).ConfigureAwait(false) is not { SalesOrder: { Length: > 0 } salesOrder })
        {
            return WarehouseOrderResult.Refused($"no sales order carries reference '{reference}' in {SalesOrderReference.FieldName(options.ReferenceField)}; the change cannot be applied");
        }

        var salesItems = await ReadSalesOrderItemsAsync(salesOrder, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        var changes = PlanChanges(order, salesOrder, salesItems, problems);
        if (await ShipToChangeAsync(order, reference, salesOrder, cancellationToken).ConfigureAwait(false) is { } moved)
        {
            // Refused whole: applying the quantities and not the address would ship the rest to the old one.
            problems.Add(moved);
        }
        else if (problems.Count == 0 && changes.Count == 0)
        {
            // The engine sends an update only when what the warehouse must do changed; with the lines and the address as
            // SAP has them, that is the shipping method (not in the sales order the adapter writes), or a change SAP took
            // already whose answer was lost: the operator decides.
            problems.Add($"the lines and the ship-to address already match sales order {salesOrder}; a changed shipping method cannot be applied through SAP's APIs: change sales order {salesOrder} (or its outbound delivery) in SAP if needed");
        }

        var refusal = problems.Count > 0
            ? $"SAP EWM cannot take this change of sales order {salesOrder}: " + string.Join("; ", problems)
            : await ApplyChangesAsync(salesOrder, changes, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            Log.UpdateRefused(_logger, salesOrder, refusal);
            return WarehouseOrderResult.Refused(refusal);
        }

        var summary = string.Join(", ", changes.Select(c => $"{c.Item.Material} {c.From.ToString(CultureInfo.InvariantCulture)} -> {c.To.ToString(CultureInfo.InvariantCulture)}"));
        Log.OrderUpdated(_logger, salesOrder, summary);
        return WarehouseOrderResult.Accepted(salesOrder);
    }

    private List<ItemChange> PlanChanges(WarehouseOrder order, string salesOrder, List<SalesOrderItemRead> salesItems, List<string> problems)
    {
        var wanted = order.QuantitiesBySku();
        var open = salesItems.Where(i => string.IsNullOrEmpty(i.SalesDocumentRjcnReason)).ToList();
        foreach (var sku in wanted.Keys.Where(sku => wanted[sku] > 0 && !open.Any(i => i.Material == sku)))
        {
            problems.Add($"line {sku} is new, and an order already in S/4HANA takes no new lines from the adapter (send it as a new order or add the item in SAP)");
        }

        var changes = new List<ItemChange>();
        foreach (var group in open.GroupBy(i => i.Material ?? string.Empty, StringComparer.Ordinal))
        {
            var from = group.Sum(i => i.RequestedQuantity ?? 0m);
            var to = wanted.GetValueOrDefault(group.Key);
            if (to > from)
            {
                problems.Add($"the quantity of {group.Key} rises from {from.ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)}; the adapter reduces quantities only (raise it in SAP, or send the rest as a new order)");
            }
            else if (to < from && group.Count() > 1)
            {
                problems.Add($"{group.Key} is on {group.Count()} items of sales order {salesOrder}; which of them to reduce is for SAP's user to decide");
            }
            else if (to < from)
            {
                if (to == 0 && Options.RejectionReason is not { Length: > 0 })
                {
                    problems.Add($"line {group.Key} was removed, and no RejectionReason is configured to reject item {group.First().SalesOrderItem}");
                }

                changes.Add(new ItemChange(group.First(), from, to));
            }
        }

        return changes;
    }

    private async Task<string?> ApplyChangesAsync(string salesOrder, List<ItemChange> changes, CancellationToken cancellationToken)
    {
        var deliveryItems = await ReadDeliveryItemsAsync(salesOrder, cancellationToken).ConfigureAwait(false);
        if (deliveryItems.Count == 0)
        {
            foreach (var change in changes)
            {
                if (await ChangeSalesOrderItemAsync(salesOrder, change, cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }
            }

            return null;
        }

        // The whole order is held to EWM's rule: once its picking started, the warehouse works from what it was given.
        foreach (var item in deliveryItems)
        {
            if (item.GoodsIssueStatus is "2" or "9")
            {
                return $"goods issue is already posted for outbound delivery order {item.EWMOutboundDeliveryOrder} (item {item.EWMOutboundDeliveryOrderItem}) of sales order {salesOrder}; its quantities cannot be changed";
            }

            if (item.PickingStatus is "2" or "9")
            {
                return $"picking has started for outbound delivery order {item.EWMOutboundDeliveryOrder} (item {item.EWMOutboundDeliveryOrderItem}) of sales order {salesOrder}; EWM changes delivery quantities only before picking";
            }
        }

        var service = SapServices.Deliveries(Options);
        foreach (var change in changes)
        {
            var targets = deliveryItems.Where(i => i.SalesOrderItem == change.Item.SalesOrderItem && i.ProductQuantity is not 0m).ToList();
            if (targets.Count > 1)
            {
                return $"item {change.Item.SalesOrderItem} ({change.Item.Material}) of sales order {salesOrder} is on {targets.Count} outbound delivery order items; which of them to reduce is for SAP's user to decide";
            }

            foreach (var item in targets)
            {
                var path = SapServices.DeliveryItemSet + "/" + Uri.EscapeDataString(item.EWMOutboundDeliveryOrder ?? string.Empty)
                    + "/" + Uri.EscapeDataString(item.EWMOutboundDeliveryOrderItem ?? string.Empty);
                try
                {
                    if (change.To == 0)
                    {
                        // Before picking EWM adjusts the delivery quantity to what is picked: 0.
                        await _client.InvokeActionAsync(service, path + "/SAP__self.AdjustDeliveryItemQuantity", cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _client.PatchAsync(service, path, new OdoItemQuantity { ProductQuantity = change.To }, SapJsonContext.Default.OdoItemQuantity, item.ETag, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (SapRequestFailedException ex) when (!ex.IsTransient)
                {
                    // Picking started between the read and the change: EWM refuses, and so does the adapter.
                    return $"EWM refused to change outbound delivery order {item.EWMOutboundDeliveryOrder} item {item.EWMOutboundDeliveryOrderItem} to {change.To.ToString(CultureInfo.InvariantCulture)}: {ex.SapMessage} ({ex.SapCode})";
                }
            }

            // The warehouse holds the change already; the sales order item follows so its open rest does not become due
            // for delivery again, which the operator must see when SAP refuses it.
            if (await ChangeSalesOrderItemAsync(salesOrder, change, cancellationToken).ConfigureAwait(false) is { } notFollowed)
            {
                Log.SalesOrderItemNotReduced(_logger, salesOrder, notFollowed);
            }
        }

        return null;
    }

    private async Task<string?> ChangeSalesOrderItemAsync(string salesOrder, ItemChange change, CancellationToken cancellationToken)
    {
        var options = Options;
        var path = $"{SapServices.SalesOrderItemSet}(SalesOrder={ODataLiteral.String(salesOrder)},SalesOrderItem={ODataLiteral.String(change.Item.SalesOrderItem ?? string.Empty)})";
        var etag = change.Item.Metadata?.ETag;
        try
        {
            if (change.To == 0)
            {
                await _client.PatchAsync(SapServices.SalesOrders(options), path, new SalesOrderItemReject { SalesDocumentRjcnReason = options.RejectionReason! }, SapJsonContext.Default.SalesOrderItemReject, etag, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _client.PatchAsync(SapServices.SalesOrders(options), path, new SalesOrderItemQuantity { RequestedQuantity = change.To }, SapJsonContext.Default.SalesOrderItemQuantity, etag, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SapRequestFailedException ex) when (!ex.IsTransient)
        {
            return $"SAP refused to change item {change.Item.SalesOrderItem} ({change.Item.Material}) of sales order {salesOrder} to {change.To.ToString(CultureInfo.InvariantCulture)}: {ex.SapMessage} ({ex.SapCode})";
        }

        return null;
    }

    private async Task<string?> ShipToChangeAsync(WarehouseOrder order, string reference, string salesOrder, CancellationToken cancellationToken)
    {
        var options = Options;
        var mapped = SalesOrderMapper.Map(order, reference, options, []);
        if (mapped?.Partners is not [{ Address: [var wanted] }])
        {
            return null;
        }

        var path = $"A_SalesOrderHeaderPartner(SalesOrder={ODataLiteral.String(salesOrder)},PartnerFunction={ODataLiteral.String(options.ShipToPartnerFunction)})/to_Address"
            + "?$select=OrganizationName1,OrganizationName2,StreetName,StreetSuffixName1,CityName,PostalCode,Region,Country";
        await foreach (var held in _client.QueryV2Async(SapServices.SalesOrders(options), path, SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionSalesOrderAddressRead, cancellationToken).ConfigureAwait(false))
        {
            var differs = new List<string>();
            Compare(differs, "OrganizationName1", held.OrganizationName1, wanted.OrganizationName1);
            Compare(differs, "OrganizationName2", held.OrganizationName2, wanted.OrganizationName2);
            Compare(differs, "StreetName", held.StreetName, wanted.StreetName);
            Compare(differs, "StreetSuffixName1", held.StreetSuffixName1, wanted.StreetSuffixName1);
            Compare(differs, "CityName", held.CityName, wanted.CityName);
            Compare(differs, "PostalCode", held.PostalCode, wanted.PostalCode);
            Compare(differs, "Region", held.Region, wanted.Region);
            Compare(differs, "Country", held.Country, wanted.Country);
            return differs.Count == 0
                ? null
                : $"the ship-to address changed ({string.Join(", ", differs)}), and the adapter does not change the address of an order in SAP: change the ship-to address of sales order {salesOrder} (or its outbound delivery) in SAP";
        }

        return null;

        static void Compare(List<string> differs, string field, string? held, string? wanted)
        {
            if (!string.Equals(string.IsNullOrWhiteSpace(held) ? null : held.Trim(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                differs.Add(field);
            }
        }
    }

    private async Task<List<SalesOrderItemRead>> ReadSalesOrderItemsAsync(string salesOrder, CancellationToken cancellationToken)
    {
        var items = new List<SalesOrderItemRead>();
        await foreach (var item in _client.QueryV2Async(
            SapServices.SalesOrders(Options), $"{SapServices.SalesOrderSet}({ODataLiteral.String(salesOrder)})/to_Item?$select=SalesOrder,SalesOrderItem,Material,RequestedQuantity,SalesDocumentRjcnReason,SDProcessStatus",
            SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionSalesOrderItemRead, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    private async Task<List<OdoItem>> ReadDeliveryItemsAsync(string salesOrder, CancellationToken cancellationToken)
    {
        var items = new List<OdoItem>();
        var itemQuery = SapServices.DeliveryItemSet
            + "?$select=EWMOutboundDeliveryOrder,EWMOutboundDeliveryOrderItem,Product,ProductQuantity,GoodsIssueStatus,PickingStatus,SalesOrder,SalesOrderItem"
            + "&$filter=" + ODataLiteral.Escape("SalesOrder eq " + ODataLiteral.String(salesOrder));
        await foreach (var item in _client.QueryV4Async(SapServices.Deliveries(Options), itemQuery, SapJsonContext.Default.ODataV4PageOdoItem, cancellationToken).ConfigureAwait(false))
        {
            items.Add(item);
        }

        return items;
    }

    private sealed record ItemChange(SalesOrderItemRead Item, decimal From, decimal To);

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

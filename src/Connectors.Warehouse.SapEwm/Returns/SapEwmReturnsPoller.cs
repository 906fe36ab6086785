using System.Globalization;
using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.Logging;

namespace Connectors.Warehouse.SapEwm;

/// <summary>
/// Turns returns inspections into return receipts: reads the <c>ReturnsInspection</c>s changed since the stored cursor,
/// and publishes each confirmed one whose returns delivery belongs to a customer return this adapter created (found
/// through the customer return's process steps, <c>A_CustomerReturnProcessStep</c> with the returns delivery as
/// <c>ReturnsDocument</c>) as a <see cref="ReturnReceipt"/> keyed by the inspection number (a repeat confirms once).
/// A line restocks when its logistical follow-up activity is one of <see cref="SapEwmOptions.RestockFollowUpActivities"/>.
/// </summary>
internal sealed class SapEwmReturnsPoller
{
    /// <summary>The cursor name under <see cref="SapEwmShipmentPoller.CursorChannel"/>.</summary>
    public const string CursorName = "returns-inspection-changed";

    private readonly ODataClient _client;
    private readonly IConnectorEvents _events;
    private readonly ISyncStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SapEwmReturnsPoller(ODataClient client, IConnectorEvents events, ISyncStateStore store, TimeProvider time, ILogger logger)
    {
        _client = client;
        _events = events;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Reads the inspections changed since the cursor and publishes the confirmed ones.</summary>
    /// <param name="cancellationToken">Cancels the poll; the cursor keeps the last completed position.</param>
    /// <returns>How many receipts were published.</returns>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        var options = _client.Options;
        var cursor = await _store.GetCursorAsync(SapEwmShipmentPoller.CursorChannel, CursorName, cancellationToken).ConfigureAwait(false);
        var since = cursor is not null && DateTimeOffset.TryParse(cursor.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var stored)
            ? stored
            : _time.GetUtcNow() - options.InitialShipmentLookback;
        var newest = since;
        var published = 0;

        // 'ge' for the same reason as the shipment poll: whole-second stamps; a repeat is keyed by the inspection number.
        var query = SapServices.ReturnsInspectionSet
            + "?$select=ReturnsInspection,ReturnsDelivery,RetsInspectionIsToBeConfirmed,LastChangeDateTime"
            + "&$filter=" + ODataLiteral.Escape("LastChangeDateTime ge " + ODataLiteral.DateTimeOffset(since, ODataVersion.V4))
            + "&$orderby=" + ODataLiteral.Escape("LastChangeDateTime,ReturnsInspection")
            + "&$expand=" + ODataLiteral.Escape("_Item($select=ReturnsInspection,ReturnsInspectionItem,ReturnsDeliveryItem,Product,InspectedProductQtyInBaseUnit,ReturnsFollowUpActivity)");
        await foreach (var inspection in _client.QueryV4Async(SapServices.ReturnsInspection(options), query, SapJsonContext.Default.ODataV4PageReturnsInspectionRead, cancellationToken).ConfigureAwait(false))
        {
            if (inspection.LastChangeDateTime is { } changed && changed > newest)
            {
                newest = changed;
            }

            if (await ToReceiptAsync(inspection, options, cancellationToken).ConfigureAwait(false) is { } receipt)
            {
                await _events.PublishReturnReceiptAsync(receipt, cancellationToken).ConfigureAwait(false);
                Log.ReturnReceiptPublished(_logger, receipt.ReceiptId, receipt.Channel, receipt.ReturnId);
                published++;
            }
        }

        if (newest > since || cursor is null)
        {
            await _store.TrySetCursorAsync(SapEwmShipmentPoller.CursorChannel, CursorName, newest.ToString("O", CultureInfo.InvariantCulture), cursor?.Version ?? 0, cancellationToken).ConfigureAwait(false);
        }

        return published;
    }

    private async Task<ReturnReceipt?> ToReceiptAsync(ReturnsInspectionRead inspection, SapEwmOptions options, CancellationToken cancellationToken)
    {
        // SAP's label of RetsInspectionIsToBeConfirmed is "Confirmed" ("Returns inspection is confirmed"): until then the
        // inspector may still change the results, and a receipt published early could not be corrected.
        var items = (inspection.Items ?? []).Where(i => i.InspectedProductQtyInBaseUnit is > 0m && !string.IsNullOrEmpty(i.Product)).ToList();
        if (inspection.ReturnsInspection is not { Length: > 0 } number || inspection.RetsInspectionIsToBeConfirmed != true || items.Count == 0
            || inspection.ReturnsDelivery is not { Length: > 0 } delivery)
        {
            return null;
        }

        // The returns delivery is a document of the returns process: its process step names the process, which the
        // customer return carries (RetsMgmtProcess). Two reads, no V2 $expand, so each is a plain filtered query.
        var step = $"{SapServices.CustomerReturnProcessStepSet}?$select=RetsMgmtProcess,ReturnsDocument&$filter={ODataLiteral.Escape("ReturnsDocument eq " + ODataLiteral.String(delivery))}&$top=1";
        string? process = null;
        await foreach (var found in _client.QueryV2Async(SapServices.CustomerReturns(options), step, SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionCustomerReturnProcessStepRead, cancellationToken).ConfigureAwait(false))
        {
            process = found.RetsMgmtProcess;
            break;
        }

        CustomerReturnRead? customerReturn = null;
        if (!string.IsNullOrEmpty(process))
        {
            var header = $"{SapServices.CustomerReturnSet}?$select=CustomerReturn,PurchaseOrderByCustomer,AssignmentReference,ReferenceSDDocument&$filter={ODataLiteral.Escape("RetsMgmtProcess eq " + ODataLiteral.String(process))}&$top=1";
            await foreach (var found in _client.QueryV2Async(SapServices.CustomerReturns(options), header, SapJsonContext.Default.ODataV2EnvelopeODataV2CollectionCustomerReturnRead, cancellationToken).ConfigureAwait(false))
            {
                customerReturn = found;
                break;
            }
        }

        if (!SalesOrderReference.TryParse(customerReturn is null ? null : SalesOrderReference.ReadReturn(customerReturn), out var channel, out var returnId))
        {
            Log.InspectionNotOurs(_logger, number, delivery, customerReturn?.CustomerReturn);
            return null;
        }

        var orderId = await ChannelOrderOfAsync(customerReturn!.ReferenceSDDocument, channel, options, cancellationToken).ConfigureAwait(false);
        if (orderId is null)
        {
            Log.InspectionWithoutOrder(_logger, number, customerReturn.CustomerReturn, channel, returnId);
            return null;
        }

        var restocking = options.EffectiveRestockActivities;
        var lines = items
            .GroupBy(i => (Sku: i.Product!, Restock: restocking.Contains(i.ReturnsFollowUpActivity ?? string.Empty, StringComparer.Ordinal)))
            .Select(g => new ReturnReceiptLine(g.Key.Sku, g.Sum(i => i.InspectedProductQtyInBaseUnit!.Value), g.Key.Restock))
            .ToList();
        return new ReturnReceipt(number, channel, returnId, orderId, lines, inspection.LastChangeDateTime ?? _time.GetUtcNow());
    }

    private async Task<string?> ChannelOrderOfAsync(string? salesOrder, string channel, SapEwmOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(salesOrder))
        {
            return null;
        }

        try
        {
            var (order, _) = await _client.GetAsync(
                SapServices.SalesOrders(options),
                $"{SapServices.SalesOrderSet}({ODataLiteral.String(salesOrder)})?$select=SalesOrder,PurchaseOrderByCustomer,PurchaseOrderByShipToParty",
                SapJsonContext.Default.ODataV2EnvelopeSalesOrderRead,
                cancellationToken).ConfigureAwait(false);
            return order.D is not null && SalesOrderReference.TryParse(SalesOrderReference.Read(order.D, options.ReferenceField), out var orderChannel, out var orderId) && orderChannel == channel
                ? orderId
                : null;
        }
        catch (SapRequestFailedException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }
}

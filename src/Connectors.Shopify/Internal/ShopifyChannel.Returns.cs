using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    private const int ReturnsFirst = 3;
    private const int ReturnLinesFirst = 10;
    private const int ReturnDetailLinesFirst = 50;
    private const int ReverseFulfillmentOrdersFirst = 5;

    /// <summary>
    /// Return requests (status REQUESTED or OPEN) created at or after <paramref name="since"/>, found through the orders
    /// updated since then. Return line id = the order's LineItem GID (<c>fulfillmentLineItem.lineItem.id</c>), so the
    /// canonical return references order lines; several return lines of one order line add up. Channel item id = the
    /// InventoryItem GID. <see cref="ConfirmReturnAsync"/> maps the order lines back to ReturnLineItem GIDs.
    /// </summary>
    public async IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = "updated_at:>='" + since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "'";
        string? after = null;
        do
        {
            var cursor = after;
            var (data, _) = await _client.SendPageAsync(
                GraphDocuments.Returns,
                n => new ReturnsVariables(n, cursor, query, ReturnsFirst, ReturnLinesFirst),
                ShopifyJsonContext.Default.ReturnsVariables,
                ShopifyJsonContext.Default.GraphResponseReturnsData,
                25,
                cancellationToken).ConfigureAwait(false);
            foreach (var order in NonNullNodes(data.Orders?.Nodes, "Returns"))
            {
                // An order with more returns than the page, and a return with more lines, are read on from their cursors.
                var returns = await AllNodesAsync(
                    order.Returns,
                    GraphDocuments.OrderReturns,
                    $"order {order.Id}",
                    (n, after) => new OrderReturnsVariables(order.Id, n, after, ReturnLinesFirst),
                    ShopifyJsonContext.Default.OrderReturnsVariables,
                    ShopifyJsonContext.Default.GraphResponseOrderReturnsData,
                    static data => data.Order?.Returns,
                    cancellationToken).ConfigureAwait(false);
                foreach (var ret in NonNullNodes(returns, "Returns"))
                {
                    if (ret.Status is not ("REQUESTED" or "OPEN") || ret.CreatedAt is not { } created || created < since)
                    {
                        continue;
                    }

                    var returnLines = await AllReturnLinesAsync(ret.Id, ret.ReturnLineItems, cancellationToken).ConfigureAwait(false);
                    var lines = ToReturnLines(returnLines);
                    if (lines.Length > 0)
                    {
                        yield return new ReturnRequest(Name, ret.Id, order.Id, lines, created);
                    }
                }
            }

            after = data.Orders?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
        }
        while (after is not null);
    }

    /// <summary>
    /// One return by its id (the <c>returns/request</c> webhook names the return, not its lines), as
    /// <see cref="ListReturnRequestsAsync"/> lists it: every line read (paged), lines named by order line. Null for a
    /// return that is not REQUESTED or OPEN (declined, cancelled, closed) or has no line left to return.
    /// </summary>
    public async Task<ReturnRequest?> GetReturnRequestAsync(string returnId, CancellationToken cancellationToken = default)
    {
        var id = ShopifyIds.Normalise(returnId, ShopifyIds.Return)
            ?? throw new ConnectorValidationException(nameof(returnId), $"'{returnId}' is not a Return GID or numeric id.");
        var ret = await ReturnDetailAsync(id, cancellationToken).ConfigureAwait(false);
        if (ret.Status is not ("REQUESTED" or "OPEN") || ret.Order?.Id is not { } orderId)
        {
            return null;
        }

        var created = ret.CreatedAt
            ?? throw new ConnectorRequestFailedException(ShopifyChannelDefaults.Platform, $"Return {id} was read without its createdAt, which the schema says is never null.", errorCode: "MALFORMED_RESPONSE", isTransient: false);
        var lines = ToReturnLines(ret.ReturnLineItems?.Nodes ?? []);
        return lines.Length == 0 ? null : new ReturnRequest(Name, ret.Id, orderId, lines, created);
    }

    /// <summary>Return lines by order line (LineItem GID); several return lines of one order line add up.</summary>
    private static ReturnLine[] ToReturnLines(IReadOnlyList<ReturnLineNode?> returnLines) =>
        NonNullNodes(returnLines, "ReturnLineItems")
            .Where(l => l.Quantity > 0 && l.FulfillmentLineItem?.LineItem?.Id is not null)
            .GroupBy(l => l.FulfillmentLineItem!.LineItem!.Id, StringComparer.Ordinal)
            .Select(g => new ReturnLine(
                g.Key,
                g.Sum(l => l.Quantity),
                g.Select(l => l.ReturnReasonNote).FirstOrDefault(n => !string.IsNullOrEmpty(n)),
                g.First().FulfillmentLineItem!.LineItem!.Variant?.InventoryItem?.Id))
            .ToArray();

    /// <summary>
    /// Processes the received lines with <c>returnProcess</c>. The confirmation names order lines (LineItem GIDs; a
    /// ReturnLineItem GID is accepted too); they are mapped to the return's line items by
    /// <c>fulfillmentLineItem.lineItem.id</c>, within each line's processable quantity. Each line carries a disposition
    /// (<c>RESTOCKED</c> at the restock location when <see cref="ReturnConfirmation.Restock"/>, else
    /// <c>NOT_RESTOCKED</c>) on the matching reverse fulfilment order line. When <see cref="ReturnConfirmation.Refund"/>
    /// is set, the refund Shopify suggests for exactly those lines (<c>suggestedFinancialOutcome</c>: the order
    /// transactions and amounts) is issued in the same call as <c>financialTransfer.issueRefund</c>.
    /// </summary>
    public async Task ConfirmReturnAsync(ReturnConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var id = ShopifyIds.Normalise(confirmation.ReturnId, ShopifyIds.Return)
            ?? throw new ConnectorValidationException(nameof(confirmation.ReturnId), $"'{confirmation.ReturnId}' is not a Return GID or numeric id.");
        var ret = await ReturnDetailAsync(id, cancellationToken).ConfigureAwait(false);
        if (ret.Status == "REQUESTED")
        {
            // Schema, returnApproveRequest: "Approves a customer's return request. If this mutation is successful, then
            // the Return.status field of the approved return is set to OPEN." returnProcess refuses a return that is not open.
            var approved = await _client.SendAsync(
                GraphDocuments.ReturnApproveRequest,
                new ReturnApproveRequestVariables(new ReturnApproveRequestInput(id, false)),
                ShopifyJsonContext.Default.ReturnApproveRequestVariables,
                ShopifyJsonContext.Default.GraphResponseReturnApproveRequestData,
                cancellationToken).ConfigureAwait(false);
            ThrowOnUserErrors(approved.ReturnApproveRequest?.UserErrors, "input");
            ret = await ReturnDetailAsync(id, cancellationToken).ConfigureAwait(false);
        }

        var restockLocation = confirmation.Restock ? await RestockLocationAsync(ret.Order?.Id, cancellationToken).ConfigureAwait(false) : null;
        if (confirmation.Restock && restockLocation is null)
        {
            // Schema, ReverseFulfillmentOrderDisposeInput.locationId: "The ID of the location where the reverse fulfillment
            // order line item is to be disposed. This is required when the disposition type is RESTOCKED."
            throw new ConnectorValidationException(
                nameof(confirmation.Restock),
                $"return {id} is to be restocked but no restock location is known: set ShopifyOptions.DefaultLocationId (a Location GID) for channel '{Name}'.");
        }
        var inputs = ReturnProcessLines(confirmation, ret, restockLocation);
        if (inputs.Count == 0)
        {
            return; // everything was processed before: a retried confirmation
        }

        var refund = confirmation.Refund ? await RefundAsync(id, inputs, cancellationToken).ConfigureAwait(false) : null;
        var data = await _client.SendAsync(
            GraphDocuments.ReturnProcess,
            new ReturnProcessVariables(new ReturnProcessInput(id, inputs, false, refund)),
            ShopifyJsonContext.Default.ReturnProcessVariables,
            ShopifyJsonContext.Default.GraphResponseReturnProcessData,
            cancellationToken).ConfigureAwait(false);
        ThrowOnUserErrors(data.ReturnProcess?.UserErrors, "input");
    }

    /// <summary>
    /// The return with every line, every reverse fulfilment order and every line of those: the first pages come with
    /// the <c>Return</c> query (sized to the cost limit), the rest are read on from their cursors, so a return of many
    /// lines is processed whole instead of failing on the lines beyond the first page.
    /// </summary>
    private async Task<ReturnDetailNode> ReturnDetailAsync(string id, CancellationToken cancellationToken)
    {
        var (data, _) = await _client.SendPageAsync(
            GraphDocuments.Return,
            n => new ReturnVariables(id, n, ReverseFulfillmentOrdersFirst),
            ShopifyJsonContext.Default.ReturnVariables,
            ShopifyJsonContext.Default.GraphResponseReturnData,
            ReturnDetailLinesFirst,
            cancellationToken).ConfigureAwait(false);
        var ret = data.Return ?? throw new ConnectorNotFoundException(ShopifyChannelDefaults.Platform, $"Return {id} was not found on channel '{Name}'.");
        var lines = await AllReturnLinesAsync(id, ret.ReturnLineItems, cancellationToken).ConfigureAwait(false);
        var reverse = await AllNodesAsync(
            ret.ReverseFulfillmentOrders,
            GraphDocuments.ReverseFulfillmentOrders,
            $"return {id}",
            (n, after) => new ReverseFulfillmentOrdersVariables(id, n, after, ReturnDetailLinesFirst),
            ShopifyJsonContext.Default.ReverseFulfillmentOrdersVariables,
            ShopifyJsonContext.Default.GraphResponseReturnData,
            static data => data.Return?.ReverseFulfillmentOrders,
            cancellationToken).ConfigureAwait(false);
        var complete = new List<ReverseFulfillmentOrderNode>(reverse.Count);
        foreach (var node in NonNullNodes(reverse, "ReverseFulfillmentOrders"))
        {
            var reverseLines = await AllNodesAsync(
                node.LineItems,
                GraphDocuments.ReverseFulfillmentOrderLineItems,
                $"reverse fulfillment order {node.Id}",
                (n, after) => new IdPageVariables(node.Id, n, after),
                ShopifyJsonContext.Default.IdPageVariables,
                ShopifyJsonContext.Default.GraphResponseReverseFulfillmentOrderData,
                static data => data.ReverseFulfillmentOrder?.LineItems,
                cancellationToken).ConfigureAwait(false);
            complete.Add(node with { LineItems = new Connection<ReverseFulfillmentOrderLineNode>(null, reverseLines) });
        }

        return ret with
        {
            ReturnLineItems = new Connection<ReturnLineNode>(null, lines),
            ReverseFulfillmentOrders = new Connection<ReverseFulfillmentOrderNode>(null, complete),
        };
    }

    /// <summary>Every line of a return: the page read with it, then the rest with <c>ReturnLineItems</c>.</summary>
    private ValueTask<IReadOnlyList<ReturnLineNode>> AllReturnLinesAsync(string returnId, Connection<ReturnLineNode>? firstPage, CancellationToken cancellationToken) =>
        AllNodesAsync(
            firstPage,
            GraphDocuments.ReturnLineItems,
            $"return {returnId}",
            (n, after) => new IdPageVariables(returnId, n, after),
            ShopifyJsonContext.Default.IdPageVariables,
            ShopifyJsonContext.Default.GraphResponseReturnData,
            static data => data.Return?.ReturnLineItems,
            cancellationToken);

    /// <summary>
    /// The refund Shopify suggests for the processed lines, as <c>issueRefund</c> order transactions (presentment
    /// currency), or null when the suggestion is no refund (an invoice outcome, or nothing left to refund).
    /// </summary>
    private async ValueTask<ReturnFinancialTransferInput?> RefundAsync(string returnId, List<ReturnProcessReturnLineItemInput> lines, CancellationToken cancellationToken)
    {
        var data = await _client.SendAsync(
            GraphDocuments.ReturnRefundSuggestion,
            new ReturnRefundSuggestionVariables(returnId, [.. lines.Select(l => new SuggestedReturnLineInput(l.Id, l.Quantity))]),
            ShopifyJsonContext.Default.ReturnRefundSuggestionVariables,
            ShopifyJsonContext.Default.GraphResponseReturnRefundSuggestionData,
            cancellationToken).ConfigureAwait(false);
        var transactions = (data.Return?.SuggestedFinancialOutcome?.FinancialTransfer?.SuggestedTransactions ?? [])
            .Where(t => t.ParentTransaction?.Id is not null && t.AmountSet?.PresentmentMoney is { } money
                && decimal.TryParse(money.Amount, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount > 0m)
            .Select(t => new ReturnRefundTransactionInput(t.ParentTransaction!.Id, new MoneyInput(t.AmountSet!.PresentmentMoney!.Amount, t.AmountSet.PresentmentMoney.CurrencyCode)))
            .ToArray();
        return transactions.Length == 0 ? null : new ReturnFinancialTransferInput(new ReturnIssueRefundInput(transactions));
    }

    /// <summary>Where restocked units go: the fulfilment service's location, else <see cref="ShopifyOptions.DefaultLocationId"/>, else the location the order was assigned to.</summary>
    private async ValueTask<string?> RestockLocationAsync(string? orderId, CancellationToken cancellationToken)
    {
        var options = _client.Options;
        if (options.FulfillmentServiceMode)
        {
            return await ServiceLocationAsync(cancellationToken).ConfigureAwait(false);
        }

        if (options.DefaultLocationId is { } configured)
        {
            return ShopifyIds.Normalise(configured, ShopifyIds.Location);
        }

        if (orderId is null)
        {
            return null;
        }

        var order = await LoadFulfillmentOrdersAsync(orderId, "shipment_none", cancellationToken).ConfigureAwait(false);
        return order.FulfillmentOrders?.Nodes?.Select(f => f.AssignedLocation?.Location?.Id).FirstOrDefault(l => l is not null);
    }

    /// <summary>
    /// Allocates the confirmed quantities to the return's line items (order line -> return lines, up to each one's
    /// processable quantity) with their dispositions. A line that has nothing left to process is skipped (a retry); a
    /// line that is not on the return is a validation error naming it.
    /// </summary>
    internal static List<ReturnProcessReturnLineItemInput> ReturnProcessLines(ReturnConfirmation confirmation, ReturnDetailNode ret, string? restockLocation)
    {
        var returnLines = ret.ReturnLineItems?.Nodes ?? [];
        var reverseLines = (ret.ReverseFulfillmentOrders?.Nodes ?? []).SelectMany(r => r.LineItems?.Nodes ?? []).ToList();
        var remaining = returnLines.ToDictionary(l => l.Id, l => l.ProcessableQuantity ?? l.Quantity, StringComparer.Ordinal);
        var result = new List<ReturnProcessReturnLineItemInput>();
        var errors = new List<ValidationError>();
        for (var i = 0; i < confirmation.Lines.Count; i++)
        {
            var wanted = confirmation.Lines[i];
            var candidates = returnLines.Where(l => l.Id == wanted.LineId || l.FulfillmentLineItem?.LineItem?.Id == wanted.LineId).ToList();
            if (candidates.Count == 0)
            {
                errors.Add(new ValidationError($"Lines[{i}].LineId", $"'{wanted.LineId}' is neither an order line nor a line of return {ret.Id}."));
                continue;
            }

            var quantity = wanted.Quantity;
            foreach (var line in candidates)
            {
                var take = Math.Min(quantity, remaining[line.Id]);
                if (take <= 0)
                {
                    continue;
                }

                remaining[line.Id] -= take;
                quantity -= take;
                var reverse = reverseLines.FirstOrDefault(r => r.FulfillmentLineItem?.Id is { } f && f == line.FulfillmentLineItem?.Id);
                IReadOnlyList<ReturnDispositionInput>? dispositions = reverse is null
                    ? null
                    : [new ReturnDispositionInput(reverse.Id, take, confirmation.Restock ? "RESTOCKED" : "NOT_RESTOCKED", confirmation.Restock ? restockLocation : null)];
                result.Add(new ReturnProcessReturnLineItemInput(line.Id, take, dispositions));
                if (quantity == 0)
                {
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ConnectorValidationException(errors);
        }

        return result;
    }
}

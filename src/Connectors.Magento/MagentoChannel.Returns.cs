using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>
/// Returns: Adobe Commerce RMAs (<c>/V1/returns</c>) read as return requests with id <c>"{orderId}/{rmaId}"</c>, and
/// warehouse receipts confirmed with an offline credit memo (<c>POST /V1/order/{id}/refund</c>). Magento Open Source has
/// no RMA: there a return is known by its order (<c>"{orderId}"</c>) and confirmed the same way.
/// </summary>
public sealed partial class MagentoChannel
{
    /// <summary>RMA statuses of returns that are over or refused: not return requests for the warehouse.</summary>
    private static readonly string[] FinishedRmaStatuses = ["closed", "processed_closed", "rejected", "denied"];

    /// <summary>RMA item statuses of items that will not come back.</summary>
    private static readonly string[] RefusedRmaItemStatuses = ["rejected", "denied"];

    /// <summary>1 once the store answered that <c>/V1/returns</c> does not exist (Magento Open Source): not asked again.</summary>
    private int _rmaMissing;

    /// <inheritdoc />
    /// <remarks>
    /// <para>Pages Adobe Commerce RMAs (<c>GET /V1/returns</c>) whose <c>date_requested</c> is at or after
    /// <paramref name="since"/>, leaving out closed, rejected and denied ones. Each becomes a <see cref="ReturnRequest"/> with
    /// id <c>"{orderId}/{rmaId}"</c>; a line per RMA item that is not rejected or denied, with its authorised quantity
    /// (the requested one while none is authorised), on the order line that item belongs to (a configurable's child item is
    /// the configurable's line).</para>
    /// <para>On Magento Open Source the route does not exist (404): the listing is empty, and the channel does not ask again
    /// until it is created anew. Returns there are known by their order id, from the warehouse's receipt.</para>
    /// </remarks>
    public async IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _rmaMissing) == 1)
        {
            yield break;
        }

        var criteria = new SearchCriteria { PageSize = _client.Options.PageSize }
            .Where("date_requested", "gteq", SearchCriteria.Date(since))
            .OrderBy("entity_id");
        var enumerator = _client.SearchAsync("returns", criteria, MagentoJsonContext.Default.SearchResultRma, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (ConnectorNotFoundException)
                {
                    Interlocked.Exchange(ref _rmaMissing, 1);
                    Log.RmaMissing(_logger, Name);
                    yield break;
                }

                var rma = enumerator.Current;
                if (rma.Status is { } status && FinishedRmaStatuses.Contains(status, StringComparer.Ordinal))
                {
                    continue;
                }

                var request = await ToReturnRequestAsync(rma, cancellationToken).ConfigureAwait(false);
                if (request is not null)
                {
                    yield return request;
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para><see cref="ReturnConfirmation.ReturnId"/> is <c>"{orderId}/{rmaId}"</c> for an RMA read by
    /// <see cref="ListReturnRequestsAsync"/>, or the order's entity id alone for a return the warehouse received without an
    /// RMA.</para>
    /// <para>With <see cref="ReturnConfirmation.Refund"/> an offline credit memo of the received lines is created
    /// (<c>POST /V1/order/{id}/refund</c>): a configurable line refunds its parent item, bundle component lines the
    /// bundle's item for the whole bundles they make; shipping is not refunded (<c>shipping_amount</c> 0, where Magento
    /// would otherwise refund all the shipping left with the first credit memo); with <see cref="ReturnConfirmation.Restock"/>
    /// the items are listed in <c>return_to_stock_items</c>, so MSI puts the shipped units back to the sources they left.
    /// Quantities over what is invoiced and not yet refunded are refused with a <see cref="ConnectorValidationException"/>
    /// before anything is sent.</para>
    /// <para>Magento has no idempotency key: the credit memo's comment carries <c>[connectors:return:{key}]</c> and the
    /// order's credit memos are searched for it before creating; the refund request is never repeated by the HTTP pipeline.
    /// Last, a comment with the same marker goes on the RMA (or, without one, on the order): found there, the whole
    /// confirmation is done and a repeat sends nothing.</para>
    /// </remarks>
    public async Task ConfirmReturnAsync(ReturnConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var (orderId, rmaId) = ReturnIdArgument(confirmation.ReturnId);
        var marker = ReturnMarker(confirmation.IdempotencyKey);
        var order = await FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectorNotFoundException(PlatformName, $"order {orderId} of return {confirmation.ReturnId} does not exist.");
        if (rmaId is { } rma)
        {
            if (await RmaHasCommentAsync(rma, marker, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        else if (order.StatusHistories?.Any(h => h.Comment?.Contains(marker, StringComparison.Ordinal) == true) == true)
        {
            return;
        }

        long? creditMemoId = null;
        if (confirmation.Refund)
        {
            creditMemoId = await FindCreditMemoAsync(orderId, marker, cancellationToken).ConfigureAwait(false)
                ?? await RefundAsync(order, confirmation, marker, cancellationToken).ConfigureAwait(false);
        }

        var what = string.Join(", ", confirmation.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Quantity} × line {l.LineId}")));
        var text = $"Return received by the warehouse: {what}{(confirmation.Restock ? " (restock)" : string.Empty)}"
            + (creditMemoId is { } memo ? string.Create(CultureInfo.InvariantCulture, $"; refunded with credit memo {memo}") : string.Empty)
            + ". " + marker;
        if (rmaId is { } rmaEntity)
        {
            var rmaNow = await _client.GetAsync($"returns/{Id(rmaEntity)}", MagentoJsonContext.Default.Rma, cancellationToken).ConfigureAwait(false);
            var body = new RmaCommentRequest
            {
                Data = new RmaComment
                {
                    Comment = text, RmaEntityId = rmaEntity, CreatedAt = SearchCriteria.Date(_time.GetUtcNow()), EntityId = 0,
                    CustomerNotified = false, VisibleOnFront = false, Status = rmaNow.Status ?? "pending", Admin = true,
                },
            };
            await _client.SendAsync(HttpMethod.Post, $"returns/{Id(rmaEntity)}/comments", body, MagentoJsonContext.Default.RmaCommentRequest, MagentoJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // No status: the refund may just have closed the order, and a status in the comment would set it back.
            var body = new OrderCommentRequest
            {
                StatusHistory = new StatusHistory { Comment = text, IsCustomerNotified = 0, IsVisibleOnFront = 0, ParentId = orderId },
            };
            await _client.SendAsync(HttpMethod.Post, $"orders/{Id(orderId)}/comments", body, MagentoJsonContext.Default.OrderCommentRequest, MagentoJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> RefundAsync(Order order, ReturnConfirmation confirmation, string marker, CancellationToken cancellationToken)
    {
        var canonical = MagentoMapper.ToChannelOrder(Name, order);
        var items = order.Items ?? [];
        var byId = items.ToDictionary(i => i.ItemId);
        var refund = new Dictionary<long, decimal>();
        for (var i = 0; i < confirmation.Lines.Count; i++)
        {
            var requested = confirmation.Lines[i];
            var line = canonical.FindLine(requested.LineId)
                ?? throw new ConnectorValidationException($"Lines[{i}].LineId", $"'{requested.LineId}' is not a line of order {order.EntityId}.");
            if (line.Properties.TryGetValue("bundle_item_id", out var bundleText))
            {
                var bundleId = long.Parse(bundleText, CultureInfo.InvariantCulture);
                var perBundle = line.Quantity / (byId[bundleId].QtyOrdered ?? 1);
                var bundles = requested.Quantity / perBundle;
                if (bundles != decimal.Truncate(bundles))
                {
                    throw new ConnectorValidationException(
                        $"Lines[{i}].Quantity", $"refunds {requested.Quantity} of bundle component line {line.LineId}, which is not a whole number of bundles ({perBundle} per bundle); Magento refunds a bundle as a whole.");
                }

                refund[bundleId] = Math.Max(refund.GetValueOrDefault(bundleId), bundles);
            }
            else
            {
                var itemId = long.Parse(line.LineId, CultureInfo.InvariantCulture);
                refund[itemId] = refund.GetValueOrDefault(itemId) + requested.Quantity;
            }
        }

        foreach (var (itemId, qty) in refund)
        {
            var item = byId[itemId];
            var left = (item.QtyInvoiced ?? 0) - (item.QtyRefunded ?? 0);
            if (qty > left)
            {
                throw new ConnectorValidationException(
                    "Lines", string.Create(CultureInfo.InvariantCulture, $"refunds {qty} of order item {itemId} ({item.Sku}) of order {order.EntityId}, which has {left} invoiced and not refunded."));
            }
        }

        var body = new RefundOrderRequest
        {
            Items = refund.Select(kv => new CreditMemoItem { OrderItemId = kv.Key, Qty = kv.Value }).ToList(),
            Notify = _client.Options.NotifyCustomerOfRefund,
            AppendComment = true,
            Comment = new CreditMemoComment { Comment = "Return received by the warehouse. " + marker, IsVisibleOnFront = 0 },
            Arguments = new CreditMemoArguments
            {
                ShippingAmount = 0,
                ExtensionAttributes = confirmation.Restock ? new CreditMemoArgumentsExtension { ReturnToStockItems = [.. refund.Keys] } : null,
            },
        };
        var id = await _client.SendAsync(HttpMethod.Post, $"order/{Id(order.EntityId)}/refund", body, MagentoJsonContext.Default.RefundOrderRequest, MagentoJsonContext.Default.Int64, cancellationToken).ConfigureAwait(false);
        Log.CreditMemoCreated(_logger, Name, confirmation.IdempotencyKey, order.EntityId, id);
        return id;
    }

    /// <summary>The order's credit memo whose comment carries <paramref name="marker"/>, if any.</summary>
    private async Task<long?> FindCreditMemoAsync(long orderId, string marker, CancellationToken cancellationToken)
    {
        var criteria = new SearchCriteria { PageSize = _client.Options.PageSize }.Where("order_id", "eq", Id(orderId)).OrderBy("entity_id");
        await foreach (var memo in _client.SearchAsync("creditmemos", criteria, MagentoJsonContext.Default.SearchResultCreditMemo, cancellationToken).ConfigureAwait(false))
        {
            var comments = memo.Comments;
            if (comments is null)
            {
                // A list answer may leave a document's comments out; the comments endpoint has them.
                var page = await _client.GetAsync($"creditmemo/{Id(memo.EntityId)}/comments", MagentoJsonContext.Default.SearchResultCreditMemoComment, cancellationToken).ConfigureAwait(false);
                comments = page.Items ?? [];
            }

            if (comments.Any(c => c?.Comment?.Contains(marker, StringComparison.Ordinal) == true))
            {
                return memo.EntityId;
            }
        }

        return null;
    }

    private async Task<bool> RmaHasCommentAsync(long rmaId, string marker, CancellationToken cancellationToken)
    {
        var page = await _client.GetAsync($"returns/{Id(rmaId)}/comments", MagentoJsonContext.Default.SearchResultRmaComment, cancellationToken).ConfigureAwait(false);
        return (page.Items ?? []).Any(c => c?.Comment?.Contains(marker, StringComparison.Ordinal) == true);
    }

    private async Task<ReturnRequest?> ToReturnRequestAsync(Rma rma, CancellationToken cancellationToken)
    {
        var order = await FindOrderAsync(rma.OrderId, cancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            Log.ReturnSkipped(_logger, Name, Id(rma.EntityId), $"its order {rma.OrderId} does not exist");
            return null;
        }

        var canonical = MagentoMapper.ToChannelOrder(Name, order);
        var lines = new List<ReturnLine>();
        foreach (var item in rma.Items ?? [])
        {
            var quantity = item.QtyAuthorized is > 0 ? item.QtyAuthorized.Value : item.QtyRequested ?? 0;
            if (quantity <= 0 || (item.Status is { } status && RefusedRmaItemStatuses.Contains(status, StringComparer.Ordinal)))
            {
                continue;
            }

            var itemId = Id(item.OrderItemId);
            var line = canonical.FindLine(itemId)
                ?? canonical.Lines.FirstOrDefault(l => l.Properties.TryGetValue("child_item_id", out var child) && child == itemId);
            if (line is null)
            {
                Log.ReturnSkipped(_logger, Name, Id(rma.EntityId), $"its item for order item {itemId} is no line of order {rma.OrderId}");
                continue;
            }

            lines.Add(new ReturnLine(line.LineId, (int)Math.Min(quantity, line.Quantity), string.IsNullOrEmpty(item.Reason) ? null : item.Reason, line.ChannelItemId));
        }

        if (lines.Count == 0)
        {
            return null;
        }

        var requested = rma.DateRequested is null ? _time.GetUtcNow() : MagentoMapper.ParseDate(rma.DateRequested, "date_requested");
        return new ReturnRequest(Name, $"{Id(rma.OrderId)}/{Id(rma.EntityId)}", Id(rma.OrderId), lines, requested);
    }

    private static (long OrderId, long? RmaId) ReturnIdArgument(string returnId)
    {
        var slash = returnId.IndexOf('/', StringComparison.Ordinal);
        var order = OrderIdArgument(slash < 0 ? returnId : returnId[..slash], nameof(ReturnConfirmation.ReturnId));
        if (slash < 0)
        {
            return (order, null);
        }

        var rma = OrderIdArgument(returnId[(slash + 1)..], nameof(ReturnConfirmation.ReturnId));
        return (order, rma);
    }

    private static string ReturnMarker(string key) => $"[connectors:return:{key}]";
}

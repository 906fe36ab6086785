using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>
/// Returns through refunds. WooCommerce core has no return (RMA) object: a refund with line items is the closest thing,
/// so each such refund becomes a <see cref="ReturnRequest"/> with id <c>"{orderId}/{refundId}"</c>. Refunds of an amount
/// only (no line items) are not returns and are skipped.
/// </summary>
public sealed partial class WooCommerceChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// Pages the orders modified since <paramref name="since"/> (creating a refund touches its order) and reads the refunds
    /// of those that have any; refunds created before <paramref name="since"/> are left out. Line quantities are
    /// WooCommerce's negative quantities made positive; the line id is the refunded order line (<c>_refunded_item_id</c>).
    /// </remarks>
    public async IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var order in ListWooOrdersAsync(since, cancellationToken).ConfigureAwait(false))
        {
            if (order.Refunds.Count == 0)
            {
                continue;
            }

            var orderId = Id(order.Id);
            var refunds = await _client.GetAsync($"orders/{orderId}/refunds", WooJsonContext.Default.ListWooRefund, cancellationToken).ConfigureAwait(false);
            foreach (var refund in refunds)
            {
                var created = WooMapper.ParseGmt(refund.DateCreatedGmt) ?? Now;
                if (created < since)
                {
                    continue;
                }

                var request = ToReturnRequest(orderId, refund, created);
                if (request is null)
                {
                    var refundId = Id(refund.Id);
                    Log.RefundWithoutLines(_logger, Name, refundId, orderId);
                    continue;
                }

                yield return request;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// For a return that came from a WooCommerce refund (<c>"{orderId}/{refundId}"</c>) the money is already refunded: the
    /// receipt is recorded as a private order note (WooCommerce cannot restock an existing refund afterwards). For a
    /// return known only by its order (<c>"{orderId}"</c>) with <see cref="ReturnConfirmation.Refund"/> set, a refund of the
    /// received lines is created with <c>api_restock</c> = <see cref="ReturnConfirmation.Restock"/> and <c>api_refund</c> =
    /// <see cref="WooCommerceOptions.RefundThroughGateway"/>. Both are idempotent on <see cref="ReturnConfirmation.IdempotencyKey"/>.
    /// </remarks>
    public async Task ConfirmReturnAsync(ReturnConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var slash = confirmation.ReturnId.IndexOf('/', StringComparison.Ordinal);
        var orderId = OrderIdArgument(slash < 0 ? confirmation.ReturnId : confirmation.ReturnId[..slash], nameof(ReturnConfirmation.ReturnId));
        var marker = Marker("return", confirmation.IdempotencyKey);
        if (await HasNoteAsync(orderId, marker, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var refunded = false;
        if (slash < 0 && confirmation.Refund)
        {
            var existing = await _client.GetAsync($"orders/{orderId}/refunds", WooJsonContext.Default.ListWooRefund, cancellationToken).ConfigureAwait(false);
            if (!existing.Any(r => r.Reason?.Contains(marker, StringComparison.Ordinal) == true))
            {
                var order = await _client.GetAsync($"orders/{orderId}", WooJsonContext.Default.WooOrder, cancellationToken).ConfigureAwait(false);
                var lines = new List<WooRefundLineCreate>();
                for (var i = 0; i < confirmation.Lines.Count; i++)
                {
                    var line = confirmation.Lines[i];
                    var item = order.LineItems.Find(l => Id(l.Id) == line.LineId)
                        ?? throw new ConnectorValidationException($"Lines[{i}].LineId", $"'{line.LineId}' is not a line of order {orderId}.");
                    var unit = (item.Total ?? 0m) / Math.Max(1, item.Quantity ?? 1);
                    lines.Add(new WooRefundLineCreate { Id = item.Id, Quantity = line.Quantity, RefundTotal = decimal.Round(unit * line.Quantity, 2) });
                }

                await _client.SendAsync(
                    HttpMethod.Post,
                    $"orders/{orderId}/refunds",
                    new WooRefundCreate
                    {
                        Amount = lines.Sum(l => l.RefundTotal ?? 0m),
                        Reason = "Return received by the warehouse. " + marker,
                        ApiRefund = _client.Options.RefundThroughGateway,
                        ApiRestock = confirmation.Restock,
                        LineItems = lines,
                    },
                    WooJsonContext.Default.WooRefundCreate,
                    WooJsonContext.Default.WooRefund,
                    cancellationToken).ConfigureAwait(false);
            }

            refunded = true;
        }

        var what = string.Join(", ", confirmation.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Quantity} × line {l.LineId}")));
        var text = $"Return received by the warehouse: {what}{(confirmation.Restock ? " (restock)" : string.Empty)}{(refunded ? "; refunded" : string.Empty)}. {marker}";
        await AddNoteAsync(orderId, text, customerNote: false, cancellationToken).ConfigureAwait(false);
    }

    private ReturnRequest? ToReturnRequest(string orderId, WooRefund refund, DateTimeOffset created)
    {
        var lines = new List<ReturnLine>();
        foreach (var item in refund.LineItems)
        {
            var quantity = Math.Abs(item.Quantity ?? 0);
            if (quantity == 0)
            {
                continue;
            }

            var refundedLine = item.MetaData.FirstOrDefault(m => m.Key == "_refunded_item_id")?.ValueText ?? Id(item.Id);
            lines.Add(new ReturnLine(refundedLine, quantity, string.IsNullOrEmpty(refund.Reason) ? null : refund.Reason, WooMapper.ItemId(item.ProductId, item.VariationId)));
        }

        return lines.Count == 0 ? null : new ReturnRequest(Name, orderId + "/" + Id(refund.Id), orderId, lines, created);
    }
}

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
    /// <summary>
    /// How far back of the last complete scan's start the next scan looks again: orders written while the last scan ran,
    /// and a shop clock up to this much behind ours, are still seen.
    /// </summary>
    internal static readonly TimeSpan ReturnsScanOverlap = TimeSpan.FromMinutes(5);

    /// <summary>Start (our clock, UTC ticks) of the last scan that listed every order it asked for; 0 before the first.</summary>
    private long _returnsScannedFrom;

    /// <inheritdoc />
    /// <remarks>
    /// Pages the orders modified since <paramref name="since"/> (creating a refund touches its order) and pages the refunds
    /// of those that have any; refunds created before <paramref name="since"/> are left out. Line quantities are
    /// WooCommerce's negative quantities made positive; the line id is the refunded order line (<c>_refunded_item_id</c>).
    /// <para>
    /// The scan moves by what it has scanned, not by what it found: once a scan has read every page, the next one starts
    /// at that scan's start minus <see cref="ReturnsScanOverlap"/> even when the caller's <paramref name="since"/> is older
    /// (the engine's cursor only moves when a return is found). That position is kept in memory, so after a restart the
    /// first scan starts at <paramref name="since"/> again.
    /// </para>
    /// <para>
    /// Refunds this connector made for a warehouse return (their reason carries <c>[connectors:return:…]</c>) are not new
    /// returns and are skipped, without reading the refunds of an order whose refunds are all of that kind.
    /// </para>
    /// </remarks>
    public async IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Now;
        var scanned = Interlocked.Read(ref _returnsScannedFrom);
        if (scanned != 0)
        {
            var resume = new DateTimeOffset(scanned, TimeSpan.Zero) - ReturnsScanOverlap;
            if (resume > since)
            {
                since = resume;
            }
        }

        await foreach (var order in ListWooOrdersAsync(since, cancellationToken).ConfigureAwait(false))
        {
            if (!order.Refunds.Exists(r => !IsOwnReturnRefund(r.Reason)))
            {
                continue;
            }

            var orderId = Id(order.Id);
            await foreach (var refund in _client.PageAsync($"orders/{orderId}/refunds", WooJsonContext.Default.ListWooRefund, cancellationToken).ConfigureAwait(false))
            {
                var created = WooMapper.ParseGmt(refund.DateCreatedGmt) ?? Now;
                if (created < since || IsOwnReturnRefund(refund.Reason))
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

        // Reached only when the caller read to the end: a scan cut short moves nothing.
        var start = started.UtcTicks;
        long current;
        while ((current = Interlocked.Read(ref _returnsScannedFrom)) < start && Interlocked.CompareExchange(ref _returnsScannedFrom, start, current) != current)
        {
        }
    }

    /// <summary>A refund this connector wrote for a warehouse return (see <see cref="ConfirmReturnAsync"/>).</summary>
    private static bool IsOwnReturnRefund(string? reason) => reason?.Contains("[connectors:return:", StringComparison.Ordinal) == true;

    private async Task<bool> HasRefundWithMarkerAsync(string orderId, string marker, CancellationToken cancellationToken)
    {
        await foreach (var refund in _client.PageAsync($"orders/{orderId}/refunds", WooJsonContext.Default.ListWooRefund, cancellationToken).ConfigureAwait(false))
        {
            if (refund.Reason?.Contains(marker, StringComparison.Ordinal) == true)
            {
                return true;
            }
        }

        return false;
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
            if (!await HasRefundWithMarkerAsync(orderId, marker, cancellationToken).ConfigureAwait(false))
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

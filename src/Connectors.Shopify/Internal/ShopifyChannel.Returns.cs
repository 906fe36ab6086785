using System.Globalization;
using System.Runtime.CompilerServices;
using Connectors.Shopify.Internal.Json;

namespace Connectors.Shopify.Internal;

internal sealed partial class ShopifyChannel
{
    private const int ReturnsFirst = 3;
    private const int ReturnLinesFirst = 10;

    /// <summary>
    /// Return requests (status REQUESTED or OPEN) created at or after <paramref name="since"/>, found through the orders
    /// updated since then. Return line id = the ReturnLineItem GID (what <c>returnProcess</c> needs); channel item id =
    /// the InventoryItem GID.
    /// </summary>
    public async IAsyncEnumerable<ReturnRequest> ListReturnRequestsAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = "updated_at:>='" + since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "'";
        var pageSize = _client.AffordablePageSize(
            GraphDocuments.Returns, n => new ReturnsVariables(n, null, query, ReturnsFirst, ReturnLinesFirst), ShopifyJsonContext.Default.ReturnsVariables, 25);
        string? after = null;
        do
        {
            var data = await _client.SendAsync(
                GraphDocuments.Returns,
                new ReturnsVariables(pageSize, after, query, ReturnsFirst, ReturnLinesFirst),
                ShopifyJsonContext.Default.ReturnsVariables,
                ShopifyJsonContext.Default.GraphResponseReturnsData,
                cancellationToken).ConfigureAwait(false);
            foreach (var order in data.Orders?.Nodes ?? [])
            {
                foreach (var ret in order.Returns?.Nodes ?? [])
                {
                    if (ret.Status is not ("REQUESTED" or "OPEN") || ret.CreatedAt is not { } created || created < since)
                    {
                        continue;
                    }

                    var lines = (ret.ReturnLineItems?.Nodes ?? [])
                        .Where(l => l.Quantity > 0)
                        .Select(l => new ReturnLine(l.Id, l.Quantity, l.ReturnReasonNote, l.FulfillmentLineItem?.LineItem?.Variant?.InventoryItem?.Id))
                        .ToArray();
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
    /// Processes the returned lines with <c>returnProcess</c> (no refund, no restock disposition: see the README).
    /// </summary>
    public async Task ConfirmReturnAsync(ReturnConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var id = ShopifyIds.Normalise(confirmation.ReturnId, ShopifyIds.Return)
            ?? throw new ConnectorValidationException(nameof(confirmation.ReturnId), $"'{confirmation.ReturnId}' is not a Return GID or numeric id.");
        var data = await _client.SendAsync(
            GraphDocuments.ReturnProcess,
            new ReturnProcessVariables(new ReturnProcessInput(id, confirmation.Lines.Select(l => new ReturnProcessReturnLineItemInput(l.LineId, l.Quantity)).ToArray(), false)),
            ShopifyJsonContext.Default.ReturnProcessVariables,
            ShopifyJsonContext.Default.GraphResponseReturnProcessData,
            cancellationToken).ConfigureAwait(false);
        ThrowOnUserErrors(data.ReturnProcess?.UserErrors, "input");
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Inventory through the asynchronous bulk API, and through legacy stock items for stores without MSI.</summary>
public sealed partial class MagentoChannel
{
    private const int BulkComplete = 1;
    private const int BulkRetriablyFailed = 2;
    private const int BulkOpen = 4;

    /// <summary>
    /// One bulk request with a batch per operation; then the bulk's status is read every
    /// <see cref="MagentoOptions.BulkStatusPollInterval"/> until no operation is open or <see cref="MagentoOptions.BulkStatusTimeout"/>
    /// has passed. A complete operation's items are applied; a failed one is sent again synchronously and split as a refused
    /// batch is, so each item gets Magento's own verdict; one failed for a passing reason, or still open at the end, is
    /// reported for a retry (it may still run later: the quantities are absolute, so a late run writes the same values).
    /// </summary>
    private async Task PushBulkAsync(List<(int Index, SourceItem Item)[]> batches, IReadOnlyList<InventoryTarget> targets, InventoryPushItemResult[] results, MagentoOptions options, CancellationToken cancellationToken)
    {
        void Mark((int Index, SourceItem Item)[] batch, Func<InventoryTarget, InventoryPushItemResult> result)
        {
            foreach (var (index, _) in batch)
            {
                results[index] = result(targets[index]);
            }
        }

        AsyncBulkResponse accepted;
        try
        {
            var body = batches.Select(b => new SourceItemsRequest { SourceItems = b.Select(x => x.Item).ToList() }).ToList();
            accepted = await _client.SendAsync(HttpMethod.Post, "async/bulk/V1/inventory/source-items", body, MagentoJsonContext.Default.ListSourceItemsRequest, MagentoJsonContext.Default.AsyncBulkResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorRequestFailedException ex) when (ex is not ConnectorAuthenticationException)
        {
            foreach (var batch in batches)
            {
                Mark(batch, t => ex.IsTransient ? InventoryPushItemResult.Retry(t, "bulk not accepted: " + ex.Message, ex.RetryAfter) : InventoryPushItemResult.Rejected(t, "bulk not accepted: " + ex.Message, ex.ErrorCode));
            }

            return;
        }

        var uuid = accepted.BulkUuid
            ?? throw new ConnectorRequestFailedException(PlatformName, "POST /async/bulk/V1/inventory/source-items answered without a bulk_uuid.", 200, "invalid_response", isTransient: false);
        var deadline = _time.GetUtcNow() + options.BulkStatusTimeout;
        List<BulkOperationStatus> operations;
        while (true)
        {
            var status = await _client.GetAsync($"bulk/{Uri.EscapeDataString(uuid)}/status", MagentoJsonContext.Default.BulkStatus, cancellationToken).ConfigureAwait(false);

            // Operations come in the order of the request's items (their ids grow with it).
            operations = (status.OperationsList ?? []).OrderBy(o => o.Id).ToList();
            if ((operations.Count >= batches.Count && operations.All(o => o.Status != BulkOpen)) || _time.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(options.BulkStatusPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        var resend = new List<(int Index, SourceItem Item)[]>();
        for (var i = 0; i < batches.Count; i++)
        {
            var operation = i < operations.Count ? operations[i] : null;
            switch (operation?.Status)
            {
                case BulkComplete:
                    Mark(batches[i], InventoryPushItemResult.Applied);
                    break;
                case null or BulkOpen:
                    Log.BulkStillOpen(_logger, Name, uuid, options.BulkStatusTimeout);
                    Mark(batches[i], t => InventoryPushItemResult.Retry(t, $"bulk {uuid} operation {i} still open after {options.BulkStatusTimeout}: are the store's async.operations.all consumers running?"));
                    break;
                case BulkRetriablyFailed:
                    Mark(batches[i], t => InventoryPushItemResult.Retry(t, $"bulk {uuid} operation {i} failed for a passing reason: {operation.ResultMessage}"));
                    break;
                default:
                    resend.Add(batches[i]); // failed or rejected: the synchronous call says which item and why
                    break;
            }
        }

        foreach (var batch in resend)
        {
            await PushBatchAsync(batch, targets, results, splitOnFailure: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Legacy stock items: each product's stock item is read (<c>GET /V1/stockItems/{sku}</c>) and written back with the new
    /// <c>qty</c> and <c>is_in_stock</c> (<c>PUT /V1/products/{sku}/stockItems/{itemId}</c>), so the store's other stock settings
    /// stay as they are. Only the default location exists (one stock per product). The legacy stock is decremented at
    /// checkout, so the available-to-sell is written as it is.
    /// </summary>
    private async Task<IReadOnlyList<InventoryPushItemResult>> PushLegacyAsync(IReadOnlyList<InventoryTarget> targets, MagentoOptions options, CancellationToken cancellationToken)
    {
        var results = new InventoryPushItemResult[targets.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var target = targets[i];
                if (!string.Equals(ResolveSource(options, target.LocationId), options.DefaultSourceCode, StringComparison.Ordinal))
                {
                    results[i] = InventoryPushItemResult.Rejected(
                        target, $"location '{target.LocationId}' is not the default location; legacy stock items (MSI disabled) hold one quantity per product.", "unknown_location");
                    return;
                }

                try
                {
                    var sku = Uri.EscapeDataString(target.ChannelItemId);
                    var stockItem = await _client.GetAsync($"stockItems/{sku}", MagentoJsonContext.Default.JsonObject, ct).ConfigureAwait(false);
                    var itemId = stockItem["item_id"]?.GetValue<long>()
                        ?? throw new ConnectorRequestFailedException(PlatformName, $"GET stockItems/{target.ChannelItemId} answered a stock item without item_id.", 200, "invalid_response", isTransient: false);
                    foreach (var empty in stockItem.Where(p => p.Value is null).Select(p => p.Key).ToList())
                    {
                        stockItem.Remove(empty); // Magento merges the given fields onto the stored item: an absent one stays
                    }

                    stockItem["qty"] = target.Quantity;
                    stockItem["is_in_stock"] = target.Quantity > 0;
                    var body = new JsonObject { ["stockItem"] = stockItem };
                    await _client.SendAsync(HttpMethod.Put, $"products/{sku}/stockItems/{itemId.ToString(CultureInfo.InvariantCulture)}", body, MagentoJsonContext.Default.JsonObject, MagentoJsonContext.Default.JsonElement, ct).ConfigureAwait(false);
                    results[i] = InventoryPushItemResult.Applied(target);
                }
                catch (ConnectorAuthenticationException)
                {
                    throw;
                }
                catch (ConnectorRequestFailedException ex)
                {
                    results[i] = ex.IsTransient
                        ? InventoryPushItemResult.Retry(target, ex.Message, ex.RetryAfter)
                        : InventoryPushItemResult.Rejected(target, ex.Message, ex.ErrorCode ?? ex.StatusCode?.ToString(CultureInfo.InvariantCulture));
                }
            }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Legacy stock items read one product at a time: the given SKUs, or every stock-tracked product of the catalogue.</summary>
    private async IAsyncEnumerable<ChannelInventoryLevel> ReadLegacyAsync(IReadOnlyCollection<string>? channelItemIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IAsyncEnumerable<string> skus = channelItemIds is not null
            ? channelItemIds.Distinct(StringComparer.Ordinal).ToAsyncEnumerable()
            : ListItemsAsync(cancellationToken).Where(i => i.TracksInventory).Select(i => i.ChannelItemId);
        await foreach (var sku in skus.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            JsonObject item;
            try
            {
                item = await _client.GetAsync($"stockItems/{Uri.EscapeDataString(sku)}", MagentoJsonContext.Default.JsonObject, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorNotFoundException)
            {
                continue;
            }

            var qty = item["qty"] is JsonValue value && value.TryGetValue<decimal>(out var q) ? q : 0m;
            yield return new ChannelInventoryLevel
            {
                ChannelItemId = sku,
                LocationId = InventoryTarget.DefaultLocation,
                Available = (int)Math.Max(0, Math.Floor(qty)),
            };
        }
    }
}

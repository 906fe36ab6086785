using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>Inventory: <c>products/batch</c> for simple products, <c>products/{parent}/variations/batch</c> for variations.</summary>
public sealed partial class WooCommerceChannel
{
    /// <summary>Products and variations known to have <c>manage_stock</c> on (from catalogue reads and batch answers): their updates omit it.</summary>
    private readonly ConcurrentDictionary<long, bool> _managed = new();

    /// <summary>The batch size this shop accepts, learned from its 413 (0 until one is seen); kept for the channel's lifetime.</summary>
    private int _learnedBatchLimit;

    /// <summary>The effective items per batch request: <see cref="WooCommerceOptions.BatchSize"/>, or less once the shop said so.</summary>
    internal int BatchLimit
    {
        get
        {
            var learned = Volatile.Read(ref _learnedBatchLimit);
            var configured = _client.Options.BatchSize;
            return learned > 0 ? Math.Min(learned, configured) : configured;
        }
    }

    private void LearnManaged(long id, bool? manageStock)
    {
        if (manageStock == true)
        {
            _managed[id] = true;
        }
        else if (manageStock == false)
        {
            _managed.TryRemove(id, out _);
        }
    }

    private void LearnBatchLimit(int limit)
    {
        int current;
        while (((current = Volatile.Read(ref _learnedBatchLimit)) == 0 || limit < current)
            && Interlocked.CompareExchange(ref _learnedBatchLimit, limit, current) != current)
        {
        }
    }

    /// <summary>WooCommerce's 413 says its limit: "Unable to accept more than 100 items for this request."</summary>
    internal static int? ReadBatchLimit(string? message)
    {
        var match = message is null ? null : BatchLimitMessage().Match(message);
        return match is { Success: true } && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0 ? limit : null;
    }

    [GeneratedRegex(@"more than (\d+) items", RegexOptions.CultureInvariant)]
    private static partial Regex BatchLimitMessage();

    /// <inheritdoc />
    /// <remarks>
    /// Targets are grouped by endpoint (simple products; each variable product's variations), each group is cut into
    /// full batches of <see cref="WooCommerceOptions.BatchSize"/> (or the shop's learned limit), and the batches go out
    /// <see cref="WooCommerceOptions.MaxConcurrency"/> at a time. An item carries <c>stock_quantity</c>, plus
    /// <c>manage_stock: true</c> only while the channel does not know that the shop already manages its stock (a catalogue
    /// read or an earlier batch answer tells it); an answer showing <c>manage_stock</c> off makes the item
    /// <see cref="PushOutcome.Retry"/>, and the retry sends <c>manage_stock: true</c>. A 413 sets the shop's limit from its
    /// message ("more than N items"; half the batch when it names none), keeps it for every later push, and re-sends the
    /// batch in pieces of that size. A per-item <c>error</c> becomes a <see cref="PushOutcome.Rejected"/> result; a
    /// transient failure after the resilience pipeline's retries becomes <see cref="PushOutcome.Retry"/>. Authentication
    /// failures and an untrusted certificate throw.
    /// </remarks>
    public async Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var options = _client.Options;
        var results = new InventoryPushItemResult[targets.Count];
        var groups = new Dictionary<long, List<(int Index, long Id)>>();
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (!string.Equals(target.LocationId, options.LocationId, StringComparison.Ordinal))
            {
                results[i] = InventoryPushItemResult.Rejected(target, $"WooCommerce has one stock location, '{options.LocationId}'; '{target.LocationId}' is unknown.", "unknown_location");
                continue;
            }

            if (!WooCommerceChannelItemId.TryParse(target.ChannelItemId, out var id))
            {
                results[i] = InventoryPushItemResult.Rejected(target, $"'{target.ChannelItemId}' is not a WooCommerce item id ('123' or '123/456').", "invalid_item_id");
                continue;
            }

            var key = id.IsVariation ? id.ProductId : 0;
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add((i, id.IsVariation ? id.VariationId : id.ProductId));
        }

        var chunks = new List<(string Path, List<(int Index, long Id)> Items)>();
        foreach (var (parent, items) in groups)
        {
            var path = parent == 0 ? "products/batch" : $"products/{Id(parent)}/variations/batch";
            chunks.AddRange(items.Chunk(BatchLimit).Select(c => (path, c.ToList())));
        }

        // Twice as many chunks in preparation as requests allowed on the wire: the shop's throttle (one per channel) keeps
        // MaxConcurrency requests in flight, and the other workers build their next batch and read their last answer
        // meanwhile, so a freed slot is taken at once instead of after the client's own CPU work.
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = 2 * options.MaxConcurrency, CancellationToken = cancellationToken },
            async (chunk, ct) => await PushChunkAsync(chunk.Path, chunk.Items, targets, results, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private async Task PushChunkAsync(string path, List<(int Index, long Id)> items, IReadOnlyList<InventoryTarget> targets, InventoryPushItemResult[] results, CancellationToken cancellationToken)
    {
        var request = new WooBatchRequest
        {
            Update = items.Select(i => new WooStockUpdate { Id = i.Id, ManageStock = _managed.ContainsKey(i.Id) ? null : true, StockQuantity = targets[i.Index].Quantity }).ToList(),
        };
        WooBatchResponse response;
        try
        {
            response = await _client.SendAsync(HttpMethod.Post, path, request, WooJsonContext.Default.WooBatchRequest, WooJsonContext.Default.WooBatchResponse, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorAuthenticationException)
        {
            throw;
        }
        catch (ConnectorRequestFailedException ex) when (ex.ErrorCode == TrustedCertificate.UntrustedErrorCode)
        {
            throw; // configuration: the whole push fails once, not item by item
        }
        catch (ConnectorRequestFailedException ex) when (items.Count > 1 && ex.StatusCode == 413)
        {
            // The shop's limit is lower than ours: learn it (its message names it) once for every later push, and re-send.
            // A limit the message names at or above this batch's size is not believable (a proxy's 413, a plugin's
            // message): halve instead, so the batch always gets smaller.
            var named = ReadBatchLimit(ex.Message);
            var limit = named is { } n && n < items.Count ? n : items.Count / 2;
            LearnBatchLimit(Math.Max(1, limit));
            Log.BatchTooLarge(_logger, Name, items.Count);
            var size = BatchLimit;
            await Task.WhenAll(items.Chunk(size).Select(c => PushChunkAsync(path, [.. c], targets, results, cancellationToken))).ConfigureAwait(false);
            return;
        }
        catch (ConnectorRequestFailedException ex) when (items.Count > 1 && !ex.IsTransient && ex is not ConnectorNotFoundException)
        {
            // Another whole-batch refusal: split to isolate the item it is about.
            var half = items.Count / 2;
            await PushChunkAsync(path, items[..half], targets, results, cancellationToken).ConfigureAwait(false);
            await PushChunkAsync(path, items[half..], targets, results, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ConnectorRequestFailedException ex)
        {
            foreach (var (index, _) in items)
            {
                results[index] = ex.IsTransient
                    ? InventoryPushItemResult.Retry(targets[index], ex.Message, ex.RetryAfter)
                    : InventoryPushItemResult.Rejected(targets[index], ex.Message, ex.ErrorCode ?? ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return;
        }

        var answered = new Dictionary<long, Queue<WooBatchItem>>();
        foreach (var item in response.Update)
        {
            if (!answered.TryGetValue(item.Id, out var queue))
            {
                answered[item.Id] = queue = new Queue<WooBatchItem>();
            }

            queue.Enqueue(item);
        }

        foreach (var (index, id) in items)
        {
            var target = targets[index];
            if (!answered.TryGetValue(id, out var queue) || !queue.TryDequeue(out var item))
            {
                results[index] = InventoryPushItemResult.Retry(target, $"{path}: the answer holds no result for id {id}.");
            }
            else if (item.Error is { } error)
            {
                var reason = $"{error.Message ?? "refused"} (id {id})";
                results[index] = error.Data?.Status is >= 500 or 429
                    ? InventoryPushItemResult.Retry(target, reason)
                    : InventoryPushItemResult.Rejected(target, reason, error.Code);
            }
            else if (item.ManageStock == false)
            {
                // Stock management was switched off on the shop (or never on, unknown to us): the quantity did not take.
                _managed.TryRemove(id, out _);
                results[index] = InventoryPushItemResult.Retry(target, $"{path}: id {id} has manage_stock off on the shop; the next push turns it on.");
            }
            else
            {
                LearnManaged(id, item.ManageStock);
                results[index] = InventoryPushItemResult.Applied(target);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Only items with <c>manage_stock</c> on have a level; the location is <see cref="WooCommerceOptions.LocationId"/>.</remarks>
    public async IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var location = _client.Options.LocationId;
        if (channelItemIds is null)
        {
            await foreach (var (itemId, product) in EnumerateSellableAsync(cancellationToken).ConfigureAwait(false))
            {
                if (product.ManageStock != false && product.StockQuantity is { } stock)
                {
                    yield return new ChannelInventoryLevel
                    {
                        ChannelItemId = itemId,
                        LocationId = location,
                        Available = stock,
                    };
                }
            }

            yield break;
        }

        var byParent = new Dictionary<long, List<long>>();
        foreach (var raw in channelItemIds)
        {
            if (!WooCommerceChannelItemId.TryParse(raw, out var id))
            {
                throw new ConnectorValidationException("channelItemIds", $"'{raw}' is not a WooCommerce item id ('123' or '123/456').");
            }

            var key = id.IsVariation ? id.ProductId : 0;
            if (!byParent.TryGetValue(key, out var list))
            {
                byParent[key] = list = [];
            }

            list.Add(id.IsVariation ? id.VariationId : id.ProductId);
        }

        foreach (var (parent, ids) in byParent)
        {
            foreach (var chunk in ids.Distinct().Chunk(_client.Options.PageSize))
            {
                var include = string.Join(',', chunk.Select(Id));
                var path = parent == 0 ? $"products?include={include}" : $"products/{Id(parent)}/variations?include={include}";
                await foreach (var product in _client.PageAsync(path, WooJsonContext.Default.ListWooProduct, cancellationToken).ConfigureAwait(false))
                {
                    LearnManaged(product.Id, product.ManageStock);
                    if (product.ManageStock != false && product.StockQuantity is { } stock)
                    {
                        yield return new ChannelInventoryLevel
                        {
                            ChannelItemId = parent == 0 ? Id(product.Id) : WooMapper.ItemId(parent, product.Id),
                            LocationId = location,
                            Available = stock,
                        };
                    }
                }
            }
        }
    }
}

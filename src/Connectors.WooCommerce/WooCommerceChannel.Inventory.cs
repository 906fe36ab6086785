using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Dto;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce;

/// <summary>
/// Inventory: <c>products/batch</c> for simple products, <c>products/{parent}/variations/batch</c> for variations, through
/// the batch path the price push shares (<see cref="SendBatchesAsync"/>).
/// </summary>
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

        var batch = new BatchJob(
            (index, id) => new WooBatchUpdate { Id = id, ManageStock = _managed.ContainsKey(id) ? null : true, StockQuantity = targets[index].Quantity },
            (index, ex) => results[index] = ex.IsTransient
                ? InventoryPushItemResult.Retry(targets[index], ex.Message, ex.RetryAfter)
                : InventoryPushItemResult.Rejected(targets[index], ex.Message, ex.ErrorCode ?? ex.StatusCode?.ToString(CultureInfo.InvariantCulture)),
            (index, id, path, item) => results[index] = InventoryAnswer(targets[index], id, path, item));
        await SendBatchesAsync(groups, batch, cancellationToken).ConfigureAwait(false);
        return results;
    }

    private InventoryPushItemResult InventoryAnswer(InventoryTarget target, long id, string path, WooBatchItem? item)
    {
        if (item is null)
        {
            return InventoryPushItemResult.Retry(target, $"{path}: the answer holds no result for id {id}.");
        }

        if (item.Error is { } error)
        {
            var reason = $"{error.Message ?? "refused"} (id {id})";
            return error.Data?.Status is >= 500 or 429
                ? InventoryPushItemResult.Retry(target, reason)
                : InventoryPushItemResult.Rejected(target, reason, error.Code);
        }

        if (item.ManageStock == false)
        {
            // Stock management was switched off on the shop (or never on, unknown to us): the quantity did not take.
            _managed.TryRemove(id, out _);
            return InventoryPushItemResult.Retry(target, $"{path}: id {id} has manage_stock off on the shop; the next push turns it on.");
        }

        LearnManaged(id, item.ManageStock);
        return InventoryPushItemResult.Applied(target);
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

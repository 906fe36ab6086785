using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Connectors.Internal;
using Connectors.Shopify.Internal.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.Shopify.Internal;

/// <summary>
/// The Shopify channel of one store. Channel item id = the InventoryItem GID (inventory targets, catalog items, order
/// lines and inventory webhooks all use it); order line id = the LineItem GID; location id = the Location GID.
/// </summary>
internal sealed partial class ShopifyChannel : IInventoryChannel, ICatalogChannel, IOrderListingChannel, IFulfillmentChannel, IReturnLookupChannel, IWarehouseAnswerChannel, IShopifyAdministration
{
    private const int FulfillmentOrdersFirst = 5;
    private const int FulfillmentsFirst = 10;
    private const int FulfillmentLinesFirst = 10;
    private const int LevelsFirst = 20;
    private const int MarkersFirst = 50;
    private const int MaxConcurrentInventoryCalls = 4;
    private const string ShipmentMarkerPrefix = "shipment_";
    private const string NotStockedCode = "ITEM_NOT_STOCKED_AT_LOCATION";
    private const string StaleCode = "CHANGE_FROM_QUANTITY_STALE";

    private readonly ShopifyGraphClient _client;
    private readonly ILogger _logger;

    // Item/location pairs Shopify answered ITEM_NOT_STOCKED_AT_LOCATION for: not sent again (so they neither fail a
    // batch nor cost a call) until a read of the shop's levels shows the item stocked there.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Item, string Location), byte> _notStocked = new();

    // The quantity last seen per item and location (applied by a push or read from the shop): the compare value of
    // ShopifyOptions.CompareQuantities.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Item, string Location), int> _lastSeen = new();

    // Idempotency keys of inventorySetQuantities calls whose outcome is not known yet, by the call's content.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _unansweredKeys = new(StringComparer.Ordinal);

    public ShopifyChannel(string name, ShopifyGraphClient client, ILogger logger)
    {
        Name = name;
        _client = client;
        _logger = logger;
        _shopCurrency = new ReadOnce<string>(ReadShopCurrencyAsync);
    }

    public string Name { get; }

    public string Platform => ShopifyChannelDefaults.Platform;

    public ChannelCapabilities Capabilities => new(
        maxInventoryBatchSize: _client.Options.InventoryBatchSize,
        supportsMultipleLocations: true,
        supportsPartialFulfillment: true,
        supportsWebhooks: true,
        supportsReturns: true,
        supportsOrderAcknowledgement: true);

    internal ShopifyGraphClient Client => _client;

    // ---------------- inventory ----------------

    public async Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var options = _client.Options;
        var results = new List<InventoryPushItemResult>(targets.Count);
        var valid = new List<(InventoryTarget Target, InventoryQuantityInput Input)>(targets.Count);
        foreach (var target in targets)
        {
            var item = ShopifyIds.Normalise(target.ChannelItemId, ShopifyIds.InventoryItem);
            var locationValue = target.LocationId == InventoryTarget.DefaultLocation ? options.DefaultLocationId : target.LocationId;
            var location = locationValue is null ? null : ShopifyIds.Normalise(locationValue, ShopifyIds.Location);
            if (item is null)
            {
                results.Add(InventoryPushItemResult.Rejected(target, $"ChannelItemId '{target.ChannelItemId}' is not an InventoryItem GID or numeric id.", "INVALID_ITEM_ID"));
            }
            else if (location is null)
            {
                results.Add(InventoryPushItemResult.Rejected(target, $"LocationId '{target.LocationId}' is not a Location GID (and no DefaultLocationId is configured for 'default').", "INVALID_LOCATION_ID"));
            }
            else if (_notStocked.ContainsKey((item, location)))
            {
                results.Add(NotStocked(target, item, location));
            }
            else
            {
                valid.Add((target, new InventoryQuantityInput(item, location, target.Quantity, null)));
            }
        }

        if (options.CompareQuantities)
        {
            valid = await WithCompareValuesAsync(valid, cancellationToken).ConfigureAwait(false);
        }

        // Calls run a few at a time: the shared bucket reservation keeps them within the shop's limit, and overlapping
        // round trips keeps the bucket, not the latency, the bottleneck.
        var chunks = valid.Chunk(options.InventoryBatchSize).ToArray();
        var chunkResults = new List<InventoryPushItemResult>[chunks.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chunks.Length),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentInventoryCalls, CancellationToken = cancellationToken },
            async (index, token) => chunkResults[index] = await PushChunkAsync(chunks[index], token).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var chunkResult in chunkResults)
        {
            results.AddRange(chunkResult);
        }

        return results;
    }

    /// <summary>Sets each quantity's <c>changeFromQuantity</c> to the quantity last seen, reading the shop's levels first for pairs not seen yet.</summary>
    private async Task<List<(InventoryTarget Target, InventoryQuantityInput Input)>> WithCompareValuesAsync(
        List<(InventoryTarget Target, InventoryQuantityInput Input)> valid, CancellationToken cancellationToken)
    {
        var unknown = valid.Where(v => !_lastSeen.ContainsKey((v.Input.InventoryItemId, v.Input.LocationId)))
            .Select(v => v.Input.InventoryItemId).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            // Levels() records what it reads; the enumeration is only for that.
            await foreach (var _ in ReadInventoryAsync(unknown, cancellationToken).ConfigureAwait(false))
            {
            }
        }

        return [.. valid.Select(v => (v.Target, v.Input with
        {
            ChangeFromQuantity = _lastSeen.TryGetValue((v.Input.InventoryItemId, v.Input.LocationId), out var seen) ? seen : null,
        }))];
    }

    /// <summary>The call's content, so a call repeated after an unknown outcome is recognised and keeps its key.</summary>
    private string ContentKey(InventorySetQuantitiesInput input)
    {
        var text = new StringBuilder(Name);
        foreach (var q in input.Quantities)
        {
            text.Append('|').Append(q.InventoryItemId).Append('@').Append(q.LocationId).Append('=')
                .Append(q.Quantity.ToString(CultureInfo.InvariantCulture)).Append('<')
                .Append(q.ChangeFromQuantity?.ToString(CultureInfo.InvariantCulture) ?? "null");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    private async Task<List<InventoryPushItemResult>> PushChunkAsync((InventoryTarget Target, InventoryQuantityInput Input)[] chunk, CancellationToken cancellationToken, bool staleRetried = false)
    {
        var results = new List<InventoryPushItemResult>(chunk.Length);
        var input = new InventorySetQuantitiesInput(
            "available",
            "correction",
            "gid://connectors/InventorySync/" + Name,
            chunk.Select(c => c.Input).ToArray());
        // Shopify: "Duplicate requests must use the same idempotency key" (job retries after a failure included), and
        // "Distinct requests need different idempotency keys". A call whose outcome is unknown (transient failure, lost
        // answer) keeps its key for the engine's retry of the same quantities; once answered, the next identical call is
        // a new operation and gets a new key.
        var content = ContentKey(input);
        var idempotencyKey = _unansweredKeys.GetOrAdd(content, static _ => Guid.NewGuid().ToString("N"));
        InventorySetQuantitiesData data;
        try
        {
            data = await _client.SendAsync(
                GraphDocuments.InventorySetQuantities,
                new InventorySetQuantitiesVariables(input, idempotencyKey),
                ShopifyJsonContext.Default.InventorySetQuantitiesVariables,
                ShopifyJsonContext.Default.GraphResponseInventorySetQuantitiesData,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            _unansweredKeys.TryRemove(content, out _);
            throw;
        }

        _unansweredKeys.TryRemove(content, out _);
        var errors = data.InventorySetQuantities?.UserErrors ?? [];
        if (errors.Count == 0)
        {
            foreach (var c in chunk)
            {
                _lastSeen[(c.Input.InventoryItemId, c.Input.LocationId)] = c.Input.Quantity;
            }

            return [.. chunk.Select(c => InventoryPushItemResult.Applied(c.Target))];
        }

        // The mutation is all-or-nothing: items named by an error are rejected, the others are retried.
        var byIndex = new Dictionary<int, UserError>();
        UserError? general = null;
        foreach (var error in errors)
        {
            var index = QuantityIndex(error.Field);
            if (index is { } i && i >= 0 && i < chunk.Length)
            {
                byIndex.TryAdd(i, error);
            }
            else
            {
                general ??= error;
            }
        }

        if (general is null && byIndex.Count > 0 && byIndex.Values.All(e => e.Code == NotStockedCode || (e.Code == StaleCode && !staleRetried)))
        {
            // Only items not stocked at their location, or (compare-and-set) changed by another app: the first are
            // reported (and remembered); the second are re-read and sent once more from the value read; the rest of
            // the batch is sent again with them instead of waiting for the engine's retry.
            var rest = new List<(InventoryTarget Target, InventoryQuantityInput Input)>(chunk.Length - byIndex.Count);
            var stale = new List<(InventoryTarget Target, InventoryQuantityInput Input)>();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (!byIndex.TryGetValue(i, out var error))
                {
                    rest.Add(chunk[i]);
                }
                else if (error.Code == StaleCode)
                {
                    stale.Add(chunk[i]);
                }
                else if (_client.Options.ActivateUnstockedInventory && await ActivateAsync(chunk[i].Input, cancellationToken).ConfigureAwait(false))
                {
                    _lastSeen[(chunk[i].Input.InventoryItemId, chunk[i].Input.LocationId)] = chunk[i].Input.Quantity;
                    results.Add(InventoryPushItemResult.Applied(chunk[i].Target));
                }
                else
                {
                    _notStocked.TryAdd((chunk[i].Input.InventoryItemId, chunk[i].Input.LocationId), 0);
                    results.Add(NotStocked(chunk[i].Target, chunk[i].Input.InventoryItemId, chunk[i].Input.LocationId));
                }
            }

            if (stale.Count > 0)
            {
                foreach (var (_, quantity) in stale)
                {
                    _lastSeen.TryRemove((quantity.InventoryItemId, quantity.LocationId), out _);
                }

                var reread = await WithCompareValuesAsync(stale, cancellationToken).ConfigureAwait(false);
                foreach (var (_, quantity) in reread)
                {
                    var expected = stale.First(s => s.Input.InventoryItemId == quantity.InventoryItemId && s.Input.LocationId == quantity.LocationId).Input.ChangeFromQuantity;
                    Log.InventoryConflict(_logger, Name, quantity.InventoryItemId, quantity.LocationId, expected, quantity.ChangeFromQuantity, quantity.Quantity);
                }

                rest.AddRange(reread);
            }

            if (rest.Count > 0)
            {
                results.AddRange(await PushChunkAsync([.. rest], cancellationToken, staleRetried || stale.Count > 0).ConfigureAwait(false));
            }

            return results;
        }

        for (var i = 0; i < chunk.Length; i++)
        {
            if (byIndex.TryGetValue(i, out var error) && error.Code == StaleCode)
            {
                results.Add(InventoryPushItemResult.Retry(chunk[i].Target, "The stock was changed by another app again while this one re-read it (CHANGE_FROM_QUANTITY_STALE)."));
            }
            else if (error?.Code == NotStockedCode)
            {
                _notStocked.TryAdd((chunk[i].Input.InventoryItemId, chunk[i].Input.LocationId), 0);
                results.Add(NotStocked(chunk[i].Target, chunk[i].Input.InventoryItemId, chunk[i].Input.LocationId));
            }
            else if (byIndex.TryGetValue(i, out error))
            {
                results.Add(InventoryPushItemResult.Rejected(chunk[i].Target, error.Message ?? "rejected", error.Code));
            }
            else if (general is not null && byIndex.Count == 0)
            {
                results.Add(InventoryPushItemResult.Rejected(chunk[i].Target, general.Message ?? "rejected", general.Code));
            }
            else
            {
                results.Add(InventoryPushItemResult.Retry(chunk[i].Target, "Not applied: another item of the same call was rejected."));
            }
        }

        return results;
    }

    /// <summary>
    /// Stocks the item at the location with the quantity pushed (<c>inventoryActivate</c>: "If you don't specify
    /// quantities, then available and onHand default to zero", so the quantity goes with the activation). The idempotency
    /// key is kept for a retry of a call whose answer was lost, as for <c>inventorySetQuantities</c>. False when Shopify
    /// refuses (the item is then reported not stocked).
    /// </summary>
    private async Task<bool> ActivateAsync(InventoryQuantityInput quantity, CancellationToken cancellationToken)
    {
        var content = "activate|" + Name + "|" + quantity.InventoryItemId + "@" + quantity.LocationId + "=" + quantity.Quantity.ToString(CultureInfo.InvariantCulture);
        var key = _unansweredKeys.GetOrAdd(content, static _ => Guid.NewGuid().ToString("N"));
        InventoryActivateData data;
        try
        {
            data = await _client.SendAsync(
                GraphDocuments.InventoryActivate,
                new InventoryActivateVariables(quantity.InventoryItemId, quantity.LocationId, quantity.Quantity, key),
                ShopifyJsonContext.Default.InventoryActivateVariables,
                ShopifyJsonContext.Default.GraphResponseInventoryActivateData,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (!e.IsTransient)
        {
            _unansweredKeys.TryRemove(content, out _);
            throw;
        }

        _unansweredKeys.TryRemove(content, out _);
        if (data.InventoryActivate?.UserErrors is { Count: > 0 } errors)
        {
            Log.InventoryNotActivated(_logger, Name, quantity.InventoryItemId, quantity.LocationId, errors[0].Message ?? "refused");
            return false;
        }

        return true;
    }

    private static InventoryPushItemResult NotStocked(InventoryTarget target, string item, string location) =>
        InventoryPushItemResult.NotListed(
            target,
            $"Inventory item {item} is not stocked at location {location} (\"The specified inventory item is not stocked at the location.\"): stock it there in Shopify or map the WMS stock to a location that stocks it.",
            NotStockedCode);

    private static int? QuantityIndex(IReadOnlyList<string>? field)
    {
        if (field is null)
        {
            return null;
        }

        for (var i = 0; i + 1 < field.Count; i++)
        {
            if (field[i] == "quantities" && int.TryParse(field[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return index;
            }
        }

        return null;
    }

    public async IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (channelItemIds is null)
        {
            if (await UseBulkReadAsync(cancellationToken).ConfigureAwait(false)
                && await RunBulkQueryAsync(GraphDocuments.BulkInventoryLevels, cancellationToken).ConfigureAwait(false) is { } operation)
            {
                // Item lines carry no level; a level line names its item in __parentId.
                await foreach (var line in ReadBulkLinesAsync(operation, ShopifyJsonContext.Default.BulkLevelLine, cancellationToken).ConfigureAwait(false))
                {
                    if (line.ParentId is { } item && Level(item, new InventoryLevelNode(line.Location, line.Quantities)) is { } level)
                    {
                        yield return level;
                    }
                }

                yield break;
            }

            string? after = null;
            do
            {
                var cursor = after;
                var (data, _) = await _client.SendPageAsync(
                    GraphDocuments.InventoryLevels,
                    n => new InventoryLevelsVariables(n, cursor, LevelsFirst),
                    ShopifyJsonContext.Default.InventoryLevelsVariables,
                    ShopifyJsonContext.Default.GraphResponseInventoryLevelsData,
                    250,
                    cancellationToken).ConfigureAwait(false);
                foreach (var item in NonNullNodes(data.InventoryItems?.Nodes, "InventoryItems"))
                {
                    foreach (var level in Levels(await WithAllLevelsAsync(item, cancellationToken).ConfigureAwait(false)))
                    {
                        yield return level;
                    }
                }

                after = data.InventoryItems?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
            }
            while (after is not null);
            yield break;
        }

        var ids = channelItemIds.Select(id => ShopifyIds.Normalise(id, ShopifyIds.InventoryItem)).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var chunkSize = _client.AffordablePageSize(
            GraphDocuments.InventoryItemLevels,
            n => new InventoryItemLevelsVariables(Enumerable.Repeat("gid://shopify/InventoryItem/0", n).ToArray(), LevelsFirst),
            ShopifyJsonContext.Default.InventoryItemLevelsVariables,
            250);
        foreach (var chunk in ids.Chunk(chunkSize))
        {
            var data = await _client.SendAsync(
                GraphDocuments.InventoryItemLevels,
                new InventoryItemLevelsVariables(chunk, LevelsFirst),
                ShopifyJsonContext.Default.InventoryItemLevelsVariables,
                ShopifyJsonContext.Default.GraphResponseInventoryItemLevelsData,
                cancellationToken).ConfigureAwait(false);
            foreach (var item in NonNullNodes(data.Nodes, "Nodes"))
            {
                if (item is not null)
                {
                    foreach (var level in Levels(await WithAllLevelsAsync(item, cancellationToken).ConfigureAwait(false)))
                    {
                        yield return level;
                    }
                }
            }
        }
    }

    /// <summary>An item with every inventory level: a shop with more locations than the first page is read on from its cursor.</summary>
    private async ValueTask<InventoryItemNode> WithAllLevelsAsync(InventoryItemNode item, CancellationToken cancellationToken)
    {
        if (item.Id is not { } id || item.InventoryLevels?.PageInfo is not { HasNextPage: true })
        {
            return item;
        }

        var levels = await AllNodesAsync(
            item.InventoryLevels,
            GraphDocuments.InventoryItemLevels,
            $"inventory item {id}",
            (n, after) => new InventoryItemLevelsVariables([id], n, after),
            ShopifyJsonContext.Default.InventoryItemLevelsVariables,
            ShopifyJsonContext.Default.GraphResponseInventoryItemLevelsData,
            data => data.Nodes?.FirstOrDefault(n => n?.Id == id)?.InventoryLevels,
            cancellationToken).ConfigureAwait(false);
        return item with { InventoryLevels = new Connection<InventoryLevelNode>(null, levels) };
    }

    private IEnumerable<ChannelInventoryLevel> Levels(InventoryItemNode item)
    {
        if (item.Id is null)
        {
            yield break;
        }

        foreach (var level in NonNullNodes(item.InventoryLevels?.Nodes, "InventoryLevels"))
        {
            if (Level(item.Id, level) is { } read)
            {
                yield return read;
            }
        }
    }

    /// <summary>One level read from the shop (paged or bulk); records it as stocked and as the quantity last seen.</summary>
    private ChannelInventoryLevel? Level(string itemId, InventoryLevelNode level)
    {
        if (level.Location?.Id is not { } location)
        {
            return null;
        }

        var available = level.Quantities?.FirstOrDefault(q => q.Name == "available")?.Quantity ?? 0;
        _notStocked.TryRemove((itemId, location), out _);
        _lastSeen[(itemId, location)] = available;
        return new ChannelInventoryLevel
        {
            ChannelItemId = itemId,
            LocationId = location,
            Available = available,
        };
    }

    // ---------------- catalog ----------------

    public async IAsyncEnumerable<ChannelItem> ListItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var variant in ListVariantsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ToChannelItem(variant) is { } item)
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Every product variant of the shop: the catalogue and the listing report. From a bulk operation's JSONL when
    /// <see cref="ShopifyOptions.BulkRead"/> says so (and Shopify starts one), otherwise page by page (<c>CatalogPageSize</c>).
    /// </summary>
    private async IAsyncEnumerable<VariantNode> ListVariantsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await UseBulkReadAsync(cancellationToken).ConfigureAwait(false)
            && await RunBulkQueryAsync(GraphDocuments.BulkVariants, cancellationToken).ConfigureAwait(false) is { } operation)
        {
            await foreach (var variant in ReadBulkLinesAsync(operation, ShopifyJsonContext.Default.VariantNode, cancellationToken).ConfigureAwait(false))
            {
                yield return variant;
            }

            yield break;
        }

        string? after = null;
        do
        {
            var cursor = after;
            var (data, _) = await _client.SendPageAsync(
                GraphDocuments.ProductVariants,
                n => new ProductVariantsVariables(n, cursor),
                ShopifyJsonContext.Default.ProductVariantsVariables,
                ShopifyJsonContext.Default.GraphResponseProductVariantsData,
                _client.Options.CatalogPageSize,
                cancellationToken).ConfigureAwait(false);
            foreach (var variant in NonNullNodes(data.ProductVariants?.Nodes, "ProductVariants"))
            {
                yield return variant;
            }

            after = data.ProductVariants?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
        }
        while (after is not null);
    }

    /// <summary>Lists the shop's locations (GID and name) for the location mapping.</summary>
    public async IAsyncEnumerable<ShopifyLocation> ListLocationsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var data = await _client.SendAsync(
                GraphDocuments.Locations,
                new LocationsVariables(100, after),
                ShopifyJsonContext.Default.LocationsVariables,
                ShopifyJsonContext.Default.GraphResponseLocationsData,
                cancellationToken).ConfigureAwait(false);
            foreach (var location in NonNullNodes(data.Locations?.Nodes, "Locations"))
            {
                yield return new ShopifyLocation
                {
                    Id = location.Id,
                    Name = location.Name ?? location.Id,
                    IsActive = location.IsActive ?? true,
                };
            }

            after = data.Locations?.PageInfo is { HasNextPage: true } page ? page.EndCursor : null;
        }
        while (after is not null);
    }

    private static string MarkerKey(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return ShipmentMarkerPrefix + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}

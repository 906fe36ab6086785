using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Connectors.Shopify.Internal.Json;
using Microsoft.Extensions.Logging;

namespace Connectors.Shopify.Internal;

/// <summary>
/// The Shopify channel of one store. Channel item id = the InventoryItem GID (inventory targets, catalog items, order
/// lines and inventory webhooks all use it); order line id = the LineItem GID; location id = the Location GID.
/// </summary>
internal sealed partial class ShopifyChannel : IInventoryChannel, ICatalogChannel, IOrderListingChannel, IFulfillmentChannel, IReturnChannel, IWarehouseAnswerChannel, IShopifyAdministration
{
    private const int FulfillmentOrdersFirst = 5;
    private const int FulfillmentsFirst = 10;
    private const int FulfillmentLinesFirst = 10;
    private const int LevelsFirst = 20;
    private const int MarkersFirst = 50;
    private const int MaxConcurrentInventoryCalls = 4;
    private const string ShipmentMarkerPrefix = "shipment_";

    private readonly ShopifyGraphClient _client;
    private readonly ILogger _logger;

    public ShopifyChannel(string name, ShopifyGraphClient client, ILogger logger)
    {
        Name = name;
        _client = client;
        _logger = logger;
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
            else
            {
                valid.Add((target, new InventoryQuantityInput(item, location, target.Quantity, null)));
            }
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

    private async Task<List<InventoryPushItemResult>> PushChunkAsync((InventoryTarget Target, InventoryQuantityInput Input)[] chunk, CancellationToken cancellationToken)
    {
        var results = new List<InventoryPushItemResult>(chunk.Length);
        var input = new InventorySetQuantitiesInput(
            "available",
            "correction",
            "gid://connectors/InventorySync/" + Name,
            chunk.Select(c => c.Input).ToArray());
        var idempotencyKey = Guid.NewGuid().ToString("N");
        var data = await _client.SendAsync(
            GraphDocuments.InventorySetQuantities,
            new InventorySetQuantitiesVariables(input, idempotencyKey),
            ShopifyJsonContext.Default.InventorySetQuantitiesVariables,
            ShopifyJsonContext.Default.GraphResponseInventorySetQuantitiesData,
            cancellationToken).ConfigureAwait(false);
        var errors = data.InventorySetQuantities?.UserErrors ?? [];
        if (errors.Count == 0)
        {
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

        for (var i = 0; i < chunk.Length; i++)
        {
            if (byIndex.TryGetValue(i, out var error))
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
                    foreach (var level in Levels(item))
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
                    foreach (var level in Levels(item))
                    {
                        yield return level;
                    }
                }
            }
        }
    }

    private static IEnumerable<ChannelInventoryLevel> Levels(InventoryItemNode item)
    {
        if (item.Id is null)
        {
            yield break;
        }

        foreach (var level in NonNullNodes(item.InventoryLevels?.Nodes, "InventoryLevels"))
        {
            var available = level.Quantities?.FirstOrDefault(q => q.Name == "available")?.Quantity ?? 0;
            if (level.Location?.Id is { } location)
            {
                yield return new ChannelInventoryLevel(item.Id, location, available);
            }
        }
    }

    // ---------------- catalog ----------------

    public async IAsyncEnumerable<ChannelItem> ListItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
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
                if (variant.InventoryItem?.Id is not { } itemId)
                {
                    continue;
                }

                var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["shopify.variantId"] = variant.Id };
                if (variant.Product?.Id is { } productId)
                {
                    attributes["shopify.productId"] = productId;
                }

                yield return new ChannelItem(itemId, variant.Sku, variant.DisplayName ?? variant.Title, variant.Id, attributes, variant.InventoryItem.Tracked ?? true);
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
                yield return new ShopifyLocation(location.Id, location.Name ?? location.Id, location.IsActive ?? true);
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

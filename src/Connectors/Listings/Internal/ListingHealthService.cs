using System.Runtime.CompilerServices;
using Connectors.Internal;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Listings.Internal;

/// <summary>
/// The listing report and the listing actions. One pass over the channel's listings: the WMS side (every item with its
/// free stock and whether it is discontinued) is read first and kept per SKU; each listing is matched and judged as it
/// arrives and handed on at once, so memory follows the distinct SKUs, never the listings.
/// </summary>
internal sealed class ListingHealthService : IListingHealth
{
    private readonly IChannelRegistry _registry;
    private readonly IItemResolver _resolver;
    private readonly IOptionsMonitor<ListingHealthOptions> _options;
    private readonly ListingMetrics _metrics;
    private readonly IListingZeroSink _zeroSink;
    private readonly IWarehouseInventory? _inventory;
    private readonly IWarehouseItemCatalog? _catalog;
    private readonly ILogger _logger;

    public ListingHealthService(
        IChannelRegistry registry,
        IItemResolver resolver,
        IOptionsMonitor<ListingHealthOptions> options,
        ListingMetrics metrics,
        IListingZeroSink zeroSink,
        IWarehouseInventory? inventory = null,
        IWarehouseItemCatalog? catalog = null,
        ILoggerFactory? loggerFactory = null)
    {
        _registry = registry;
        _resolver = resolver;
        _options = options;
        _metrics = metrics;
        _zeroSink = zeroSink;
        _inventory = inventory;
        _catalog = catalog;
        _logger = (ILogger?)loggerFactory?.CreateLogger<ListingHealthService>() ?? NullLogger.Instance;
    }

    public IAsyncEnumerable<ListingReportEntry> GetReportAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var source = ListingSource(channel);
        return ReportAsync(source, actions: null, cancellationToken);
    }

    public Task<ListingActionsReport> ApplyActionsAsync(string channel, CancellationToken cancellationToken = default) =>
        ApplyActionsCoreAsync(channel, onEntry: null, cancellationToken);

    public Task<ListingActionsReport> ReportAndApplyActionsAsync(string channel, Func<ListingReportEntry, CancellationToken, ValueTask> onEntry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onEntry);
        return ApplyActionsCoreAsync(channel, onEntry, cancellationToken);
    }

    private async Task<ListingActionsReport> ApplyActionsCoreAsync(string channel, Func<ListingReportEntry, CancellationToken, ValueTask>? onEntry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        var source = ListingSource(channel);
        var settings = _options.CurrentValue;
        var opted = settings.Channels.TryGetValue(source.Name, out var found) ? found : new ListingActionOptions();
        var candidates = new ActionCandidates();
        await foreach (var entry in ReportAsync(source, candidates, cancellationToken).ConfigureAwait(false))
        {
            // The candidates are gathered as the entries pass; the entries themselves go to the caller, if it asked.
            if (onEntry is not null)
            {
                await onEntry(entry, cancellationToken).ConfigureAwait(false);
            }
        }

        IReadOnlyList<string> zeroed = [];
        if (opted.ZeroDiscontinued)
        {
            if (source is IInventoryChannel)
            {
                zeroed = [.. candidates.Discontinued.Select(l => l.ChannelItemId).Distinct(StringComparer.Ordinal)];
                await _zeroSink.SetZeroedItemsAsync(source.Name, zeroed, cancellationToken).ConfigureAwait(false);
                _metrics.Actions.Add(zeroed.Count, ListingMetrics.Tags(source.Name, "zero", "applied"));
            }
            else
            {
                Log.ListingActionUnsupported(_logger, source.Name, "zero", nameof(IInventoryChannel));
            }
        }

        IReadOnlyList<ListingActionResult> deactivated = [];
        IReadOnlyList<ListingActionResult> reactivated = [];
        if (opted.DeactivateDiscontinued || opted.ReactivateWhenStocked)
        {
            if (source is IListingActionChannel actions)
            {
                if (opted.DeactivateDiscontinued)
                {
                    deactivated = await ActAsync(source.Name, "deactivate", candidates.DiscontinuedActive, actions.DeactivateListingsAsync, settings.ActionBatchSize, cancellationToken).ConfigureAwait(false);
                }

                if (opted.ReactivateWhenStocked)
                {
                    reactivated = await ActAsync(source.Name, "reactivate", candidates.Restocked, actions.ReactivateListingsAsync, settings.ActionBatchSize, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                Log.ListingActionUnsupported(_logger, source.Name, "deactivate/reactivate", nameof(IListingActionChannel));
            }
        }

        return new ListingActionsReport
        {
            Channel = source.Name,
            DiscontinuedListings = candidates.Discontinued,
            DiscontinuedActiveListings = candidates.DiscontinuedActive,
            RestockedSoldOutListings = candidates.Restocked,
            Zeroed = zeroed,
            Deactivated = deactivated,
            Reactivated = reactivated,
            ProblemCounts = candidates.Counts,
        };
    }

    private async Task<IReadOnlyList<ListingActionResult>> ActAsync(
        string channel,
        string action,
        List<ChannelListing> listings,
        Func<IReadOnlyList<ChannelListing>, CancellationToken, Task<IReadOnlyList<ListingActionResult>>> call,
        int batchSize,
        CancellationToken cancellationToken)
    {
        var results = new List<ListingActionResult>(listings.Count);
        foreach (var batch in Batches(listings, Math.Max(1, batchSize)))
        {
            IReadOnlyList<ListingActionResult> answered;
            try
            {
                answered = await call(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                // One failed call leaves the rest to try; the next run finds the same candidates again.
                Log.ListingActionFailed(_logger, ex, channel, action, batch.Length);
                answered = [.. batch.Select(l => new ListingActionResult { ChannelItemId = l.ChannelItemId, Outcome = ex.IsTransient ? PushOutcome.Retry : PushOutcome.Rejected, Reason = ex.Message })];
            }

            foreach (var result in answered)
            {
                _metrics.Actions.Add(1, ListingMetrics.Tags(channel, action, OutcomeName(result.Outcome)));
                if (result.Outcome != PushOutcome.Applied)
                {
                    Log.ListingActionRefused(_logger, channel, action, result.ChannelItemId, result.Outcome.ToString(), result.Reason);
                }
            }

            results.AddRange(answered);
        }

        if (results.Count > 0)
        {
            var applied = results.Count(r => r.Outcome == PushOutcome.Applied);
            Log.ListingActionsApplied(_logger, channel, action, applied, results.Count);
        }

        return results;
    }

    /// <summary>
    /// Batches of at most <paramref name="batchSize"/> listings that keep the listings of one
    /// <see cref="ChannelListing.ListingId"/> together, in the order they were found: on a platform whose status belongs to
    /// the whole listing (Shopify's product) the channel judges a listing against its siblings, which it can only do when
    /// they share a call. A listing with more variants than a batch holds is a batch of its own.
    /// </summary>
    internal static IEnumerable<ChannelListing[]> Batches(IReadOnlyList<ChannelListing> listings, int batchSize)
    {
        var groups = new List<List<ChannelListing>>();
        var byListing = new Dictionary<string, List<ChannelListing>>(StringComparer.Ordinal);
        foreach (var listing in listings)
        {
            if (listing.ListingId is not { } id)
            {
                groups.Add([listing]);
            }
            else if (byListing.TryGetValue(id, out var group))
            {
                group.Add(listing);
            }
            else
            {
                byListing[id] = group = [listing];
                groups.Add(group);
            }
        }

        var batch = new List<ChannelListing>(batchSize);
        foreach (var group in groups)
        {
            if (batch.Count > 0 && batch.Count + group.Count > batchSize)
            {
                yield return [.. batch];
                batch.Clear();
            }

            batch.AddRange(group);
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    private static string OutcomeName(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Applied => "applied",
        PushOutcome.Rejected => "rejected",
        PushOutcome.Retry => "retry",
        _ => "not_listed",
    };

    private IListingChannel ListingSource(string channel)
    {
        var found = _registry.GetChannel(channel);
        return found as IListingChannel
            ?? throw new ConnectorException($"Channel '{found.Name}' ({found.Platform}) cannot list its listings: it does not implement {nameof(IListingChannel)}.");
    }

    private async IAsyncEnumerable<ListingReportEntry> ReportAsync(IListingChannel source, ActionCandidates? actions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = source.Name;
        var warehouse = await LoadWarehouseAsync(cancellationToken).ConfigureAwait(false);
        var firstBySku = new Dictionary<string, string>(StringComparer.Ordinal);
        var counts = new int[ListingReportCsv.Kinds.Length];
        var matched = new List<(WarehouseState State, decimal PerUnit)>(4);
        await foreach (var listing in source.ListListingsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (listing is null)
            {
                continue;
            }

            var problems = ListingProblems.None;
            string? duplicateOf = null;
            var sku = string.IsNullOrWhiteSpace(listing.Sku) ? null : listing.Sku;
            if (sku is null)
            {
                problems |= ListingProblems.NoSku;
            }
            else if (!firstBySku.TryAdd(sku, listing.ChannelItemId))
            {
                problems |= ListingProblems.DuplicateSku;
                duplicateOf = firstBySku[sku];
            }

            matched.Clear();
            IReadOnlyList<string> skus = [];
            var definition = await _resolver.FindByChannelItemAsync(channel, listing.ChannelItemId, cancellationToken).ConfigureAwait(false);
            if (definition is not null && definition.Components.All(c => warehouse.ContainsKey(c.Sku)))
            {
                foreach (var component in definition.Components)
                {
                    matched.Add((warehouse[component.Sku], component.QuantityPerUnit));
                }

                skus = [.. definition.Components.Select(c => c.Sku)];
            }
            else if (sku is not null && warehouse.TryGetValue(sku, out var bySku))
            {
                matched.Add((bySku, 1m));
                skus = [sku];
            }
            else if (sku is not null)
            {
                problems |= ListingProblems.UnknownSku;
            }

            var discontinued = false;
            decimal? available = null;
            foreach (var (state, perUnit) in matched)
            {
                discontinued |= state.Discontinued;
                var units = decimal.Floor(state.Free / perUnit);
                available = available is { } so ? Math.Min(so, units) : units;
                if (listing.Status == ListingStatus.Active)
                {
                    state.ActivelyListed = true;
                }
            }

            if (discontinued && listing.Status == ListingStatus.Active)
            {
                problems |= ListingProblems.DiscontinuedActive;
            }

            Count(counts, problems);
            actions?.Note(listing, discontinued, available);
            yield return new ListingReportEntry
            {
                Channel = channel,
                Listing = listing,
                WarehouseSkus = skus,
                Problems = problems,
                DuplicateOf = duplicateOf,
                WarehouseAvailable = available,
                Discontinued = discontinued,
            };
        }

        foreach (var (sku, state) in warehouse)
        {
            if (state.Free > 0m && !state.Discontinued && !state.ActivelyListed)
            {
                Count(counts, ListingProblems.StockedNotListed);
                yield return new ListingReportEntry
                {
                    Channel = channel,
                    WarehouseSkus = [sku],
                    Problems = ListingProblems.StockedNotListed,
                    WarehouseAvailable = state.Free,
                };
            }
        }

        // Recorded only for a report read to its end, so a gauge never shows the counts of half a catalogue.
        for (var i = 0; i < counts.Length; i++)
        {
            _metrics.Problems.Record(counts[i], ListingMetrics.Tags(channel, ListingReportCsv.Kinds[i]));
            actions?.Counts.Add(ListingReportCsv.Kinds[i], counts[i]);
        }

        var total = counts.Sum();
        Log.ListingReportCompleted(_logger, channel, total);
    }

    private static void Count(int[] counts, ListingProblems problems)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if ((problems & ListingReportCsv.Kinds[i]) != 0)
            {
                counts[i]++;
            }
        }
    }

    private async Task<Dictionary<string, WarehouseState>> LoadWarehouseAsync(CancellationToken cancellationToken)
    {
        if (_catalog is null && _inventory is null)
        {
            throw new ConnectorException(
                $"The listing report compares listings with the WMS, but neither {nameof(IWarehouseItemCatalog)} nor {nameof(IWarehouseInventory)} is registered.");
        }

        var items = new Dictionary<string, WarehouseState>(StringComparer.Ordinal);
        if (_catalog is not null)
        {
            await foreach (var item in _catalog.ListItemsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (item is null || string.IsNullOrWhiteSpace(item.Sku))
                {
                    continue;
                }

                State(items, item.Sku).Discontinued |= item.Discontinued;
            }
        }

        if (_inventory is not null)
        {
            await foreach (var level in _inventory.GetStockLevelsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                State(items, level.Sku).Free += level.Free;
            }
        }

        return items;
    }

    private static WarehouseState State(Dictionary<string, WarehouseState> items, string sku)
    {
        if (!items.TryGetValue(sku, out var state))
        {
            state = new WarehouseState();
            items.Add(sku, state);
        }

        return state;
    }

    /// <summary>What the WMS says of one SKU, and whether an active listing of the channel sells it (set during the pass).</summary>
    internal sealed class WarehouseState
    {
        public decimal Free { get; set; }

        public bool Discontinued { get; set; }

        public bool ActivelyListed { get; set; }
    }

    /// <summary>The listings the actions would act on, gathered during one report pass.</summary>
    private sealed class ActionCandidates
    {
        public List<ChannelListing> Discontinued { get; } = [];

        public List<ChannelListing> DiscontinuedActive { get; } = [];

        public List<ChannelListing> Restocked { get; } = [];

        public Dictionary<ListingProblems, int> Counts { get; } = [];

        public void Note(ChannelListing listing, bool discontinued, decimal? available)
        {
            if (discontinued)
            {
                Discontinued.Add(listing);
                if (listing.Status == ListingStatus.Active)
                {
                    DiscontinuedActive.Add(listing);
                }
            }
            else if (listing.Status == ListingStatus.SoldOut && available >= 1m)
            {
                Restocked.Add(listing);
            }
        }
    }
}

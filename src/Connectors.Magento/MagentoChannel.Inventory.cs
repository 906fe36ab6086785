using System.Runtime.CompilerServices;
using Connectors.Magento.Internal;
using Connectors.Magento.Internal.Dto;
using Connectors.Magento.Internal.Json;

namespace Connectors.Magento;

/// <summary>Inventory: MSI source items, with the open reservations added back so the salable quantity is the WMS's.</summary>
public sealed partial class MagentoChannel
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>Each target's location becomes a source code (<see cref="MagentoOptions.SourceCodes"/>, or
    /// <see cref="MagentoOptions.DefaultSourceCode"/> for <see cref="InventoryTarget.DefaultLocation"/>); an unmapped location
    /// is rejected. Targets go out in <c>POST /V1/inventory/source-items</c> batches of <see cref="MagentoOptions.BatchSize"/>.
    /// Magento saves a batch in one transaction, so a batch refused as a whole is sent again item by item to find the item
    /// it was about; the others are applied, that one is rejected with Magento's rendered message.</para>
    /// <para>The double count: Magento's salable quantity is the source quantity minus its reservations (orders placed and not
    /// yet shipped, cancelled or refunded), while the WMS's available-to-sell already excludes those orders (they are reserved
    /// in the WMS or waiting in the engine's inbox). So the quantity pushed to <see cref="MagentoOptions.ReservationSourceCode"/>
    /// is <c>available-to-sell + open reservations of the SKU</c>, read from the open orders in the same call, and the salable
    /// quantity comes out equal to the available-to-sell. Turn it off with <see cref="MagentoOptions.CompensateReservations"/>.</para>
    /// <para>The open orders are read again after the write: an item whose orders shipped (or were cancelled or refunded)
    /// between the read and the write is written again with what they hold now, up to three times, then answered
    /// <see cref="PushOutcome.Retry"/>; otherwise the store would sell the shipped units again.</para>
    /// </remarks>
    public async Task<IReadOnlyList<InventoryPushItemResult>> PushInventoryAsync(IReadOnlyList<InventoryTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var options = _client.Options;
        if (options.InventoryApi == MagentoInventoryApi.LegacyStockItems)
        {
            return await PushLegacyAsync(targets, options, cancellationToken).ConfigureAwait(false);
        }

        var reservationSource = options.ReservationSourceCode ?? options.DefaultSourceCode;
        var results = new InventoryPushItemResult[targets.Count];
        var pending = new List<(int Index, string Source)>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i];
            if (ResolveSource(options, target.LocationId) is not { } source)
            {
                results[i] = InventoryPushItemResult.Rejected(
                    target, $"location '{target.LocationId}' has no Magento source: add it to SourceCodes (or push to '{InventoryTarget.DefaultLocation}' for the default source).", "unknown_location");
                continue;
            }

            pending.Add((i, source));
        }

        var open = OpenReservations.None;
        var compensating = options.CompensateReservations && pending.Any(p => string.Equals(p.Source, reservationSource, StringComparison.Ordinal));
        if (compensating)
        {
            try
            {
                open = await ReadOpenReservationsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorRequestFailedException ex) when (ex is not ConnectorAuthenticationException)
            {
                // Without the reservations the push would count open orders twice; nothing is written until they can be read.
                foreach (var (index, _) in pending)
                {
                    results[index] = ex.IsTransient
                        ? InventoryPushItemResult.Retry(targets[index], "open reservations could not be read: " + ex.Message, ex.RetryAfter)
                        : InventoryPushItemResult.Rejected(targets[index], "open reservations could not be read: " + ex.Message, ex.ErrorCode);
                }

                return results;
            }
        }

        var items = new List<(int Index, SourceItem Item)>(pending.Count);
        long compensated = 0;
        foreach (var (index, source) in pending)
        {
            var target = targets[index];
            decimal reserved = string.Equals(source, reservationSource, StringComparison.Ordinal) ? open.Of(target.ChannelItemId) : 0;
            compensated += (long)reserved;
            items.Add((index, SourceItemOf(target, source, reserved)));
        }

        if (compensated > 0)
        {
            _metrics.ReservationsCompensated.Add(compensated, MagentoMetrics.Tags(Name));
        }

        if (options.InventoryApi == MagentoInventoryApi.AsyncBulkSourceItems && items.Count > 0)
        {
            await PushBulkAsync(items.Chunk(options.BatchSize).ToList(), targets, results, options, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await WriteAsync(items, targets, results, options, cancellationToken).ConfigureAwait(false);
        }

        if (compensating)
        {
            var written = items.Where(i => string.Equals(i.Item.SourceCode, reservationSource, StringComparison.Ordinal)).ToList();
            await SettleReservationsAsync(written, open, targets, results, options, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>How often a push writes items again whose reservations changed under it before it hands them back as Retry.</summary>
    internal const int MaxReservationRewrites = 3;

    /// <summary>
    /// The reservations read before the write may be stale by the time it lands: an order shipped in between had its units
    /// deducted from the source and its reservation compensated before the write, which then set the source to
    /// available-to-sell plus the units just shipped. The store sells them twice, and nothing follows to put it right,
    /// since shipping leaves the WMS's available-to-sell as it was (the units leave its on-hand and its reservations at
    /// once). A cancellation or refund of unshipped units in between does the same until the WMS's release is pushed.
    /// So after the write the reservations are read again, following the orders of the first read only, and each item
    /// whose orders hold less now is written again with what they hold; that write is checked in turn, up to
    /// <see cref="MaxReservationRewrites"/> times, after which the item is handed back as Retry for the engine to push again.
    /// Orders placed since the first read are left out: the WMS does not count them yet, so adding their reservations
    /// back would sell their units until their import is pushed; left out, the store sells less until that push.
    /// </summary>
    private async Task SettleReservationsAsync(
        List<(int Index, SourceItem Item)> written, OpenReservations read, IReadOnlyList<InventoryTarget> targets, InventoryPushItemResult[] results, MagentoOptions options, CancellationToken cancellationToken)
    {
        var watched = written.Where(w => results[w.Index] is { Outcome: PushOutcome.Applied }).ToList();
        for (var rewrites = 0; watched.Count > 0; rewrites++)
        {
            OpenReservations now;
            try
            {
                now = read.AsNow(await ReadOpenReservationsAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (ConnectorRequestFailedException ex) when (ex is not ConnectorAuthenticationException)
            {
                // Written, but whether an order shipped meanwhile is unknown: the engine pushes them again.
                foreach (var (index, _) in watched)
                {
                    results[index] = InventoryPushItemResult.Retry(targets[index], "written, but the open reservations could not be read again to check that no order shipped meanwhile: " + ex.Message, ex.RetryAfter);
                }

                return;
            }

            var changed = watched.Where(w => now.Of(targets[w.Index].ChannelItemId) != read.Of(targets[w.Index].ChannelItemId)).ToList();
            if (changed.Count == 0)
            {
                return;
            }

            if (rewrites == MaxReservationRewrites)
            {
                foreach (var (index, _) in changed)
                {
                    results[index] = InventoryPushItemResult.Retry(
                        targets[index], $"orders holding this item were shipped, cancelled or refunded while its source quantity was written, {MaxReservationRewrites + 1} times in a row; it is pushed again");
                }

                return;
            }

            Log.ReservationsChangedDuringPush(_logger, Name, changed.Count);
            var again = changed.Select(c => (c.Index, SourceItemOf(targets[c.Index], c.Item.SourceCode!, now.Of(targets[c.Index].ChannelItemId)))).ToList();
            await WriteAsync(again, targets, results, options, cancellationToken).ConfigureAwait(false);
            watched = again.Where(a => results[a.Index] is { Outcome: PushOutcome.Applied }).ToList();
            read = now;
        }
    }

    private static SourceItem SourceItemOf(InventoryTarget target, string source, decimal reserved)
    {
        var quantity = target.Quantity + reserved;
        return new SourceItem { Sku = target.ChannelItemId, SourceCode = source, Quantity = quantity, Status = quantity > 0 ? 1 : 0 };
    }

    private Task WriteAsync(List<(int Index, SourceItem Item)> items, IReadOnlyList<InventoryTarget> targets, InventoryPushItemResult[] results, MagentoOptions options, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items.Chunk(options.BatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (chunk, ct) => await PushBatchAsync(chunk, targets, results, splitOnFailure: true, ct).ConfigureAwait(false));

    private async Task PushBatchAsync((int Index, SourceItem Item)[] batch, IReadOnlyList<InventoryTarget> targets, InventoryPushItemResult[] results, bool splitOnFailure, CancellationToken cancellationToken)
    {
        var request = new SourceItemsRequest { SourceItems = batch.Select(b => b.Item).ToList() };
        try
        {
            await _client.SendAsync(HttpMethod.Post, "inventory/source-items", request, MagentoJsonContext.Default.SourceItemsRequest, MagentoJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorAuthenticationException)
        {
            throw;
        }
        catch (ConnectorRequestFailedException ex) when (!ex.IsTransient && splitOnFailure && batch.Length > 1)
        {
            // One transaction per request: a single bad item refuses all. Each item alone finds it and lets the others through.
            Log.BatchSplit(_logger, Name, batch.Length);
            _metrics.BatchSplits.Add(1, MagentoMetrics.Tags(Name));
            foreach (var single in batch)
            {
                await PushBatchAsync([single], targets, results, splitOnFailure: false, cancellationToken).ConfigureAwait(false);
            }

            return;
        }
        catch (ConnectorRequestFailedException ex)
        {
            foreach (var (index, _) in batch)
            {
                results[index] = ex.IsTransient
                    ? InventoryPushItemResult.Retry(targets[index], ex.Message, ex.RetryAfter)
                    : InventoryPushItemResult.Rejected(targets[index], ex.Message, ex.ErrorCode ?? ex.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return;
        }

        foreach (var (index, _) in batch)
        {
            results[index] = InventoryPushItemResult.Applied(targets[index]);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads source items (<c>GET /V1/inventory/source-items</c>) of the mapped sources, and reports for the reservation
    /// source the source quantity minus the open reservations: the quantity this connector pushed, so a reconciliation
    /// compares like with like.
    /// </remarks>
    public async IAsyncEnumerable<ChannelInventoryLevel> ReadInventoryAsync(IReadOnlyCollection<string>? channelItemIds = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = _client.Options;
        if (options.InventoryApi == MagentoInventoryApi.LegacyStockItems)
        {
            await foreach (var level in ReadLegacyAsync(channelItemIds, cancellationToken).ConfigureAwait(false))
            {
                yield return level;
            }

            yield break;
        }

        var locations = LocationsBySource(options);
        var reservationSource = options.ReservationSourceCode ?? options.DefaultSourceCode;
        var open = options.CompensateReservations
            ? await ReadOpenReservationsAsync(cancellationToken).ConfigureAwait(false)
            : OpenReservations.None;
        var chunks = channelItemIds is null ? [null] : channelItemIds.Distinct(StringComparer.Ordinal).Chunk(options.PageSize).Select(c => (string[]?)c).ToList();
        foreach (var chunk in chunks)
        {
            var criteria = new SearchCriteria { PageSize = options.PageSize }
                .Where("source_code", "in", string.Join(',', locations.Keys))
                .OrderBy("sku");
            if (chunk is not null)
            {
                criteria.Where("sku", "in", string.Join(',', chunk));
            }

            await foreach (var item in _client.SearchAsync("inventory/source-items", criteria, MagentoJsonContext.Default.SearchResultSourceItem, cancellationToken).ConfigureAwait(false))
            {
                if (item.Sku is null || item.SourceCode is null || !locations.TryGetValue(item.SourceCode, out var location))
                {
                    continue;
                }

                var quantity = item.Quantity ?? 0;
                if (string.Equals(item.SourceCode, reservationSource, StringComparison.Ordinal))
                {
                    quantity -= open.Of(item.Sku);
                }

                yield return new ChannelInventoryLevel
                {
                    ChannelItemId = item.Sku,
                    LocationId = location,
                    Available = (int)Math.Max(0, Math.Floor(quantity)),
                };
            }
        }
    }

    /// <summary>
    /// The open reservations, per order: over the orders still in an open state, each stock-keeping line's ordered quantity
    /// less what is shipped, cancelled or refunded (counted on the line or on its configurable/bundle parent, whichever is
    /// further); a SKU's total is rounded up.
    /// </summary>
    internal async Task<OpenReservations> ReadOpenReservationsAsync(CancellationToken cancellationToken)
    {
        var options = _client.Options;
        var criteria = new SearchCriteria { PageSize = options.PageSize }
            .Where("state", "in", string.Join(',', MagentoMapper.OpenStates))
            .OrderBy("entity_id");
        var byOrder = new Dictionary<long, Dictionary<string, decimal>>();
        await foreach (var order in _client.SearchAsync("orders", criteria, MagentoJsonContext.Default.SearchResultOrder, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (sku, quantity) in MagentoMapper.OpenReservations(order))
            {
                var lines = byOrder.TryGetValue(order.EntityId, out var found) ? found : byOrder[order.EntityId] = new Dictionary<string, decimal>(StringComparer.Ordinal);
                lines[sku] = lines.GetValueOrDefault(sku) + quantity;
            }
        }

        return new OpenReservations(byOrder);
    }

    private static string? ResolveSource(MagentoOptions options, string locationId) =>
        options.SourceCodes.TryGetValue(locationId, out var code) ? code
        : string.Equals(locationId, InventoryTarget.DefaultLocation, StringComparison.Ordinal) ? options.DefaultSourceCode
        : null;

    private static Dictionary<string, string> LocationsBySource(MagentoOptions options)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (location, source) in options.SourceCodes)
        {
            map.TryAdd(source, location);
        }

        map.TryAdd(options.DefaultSourceCode, InventoryTarget.DefaultLocation);
        return map;
    }
}

using Connectors.Internal;
using Connectors.Mapping;
using Connectors.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.Inventory.Internal;

/// <summary>
/// The inventory engine: turns every stock change and oversell window into desired quantities per (channel, item,
/// location) in the state store, and dispatches pending rows. One writer per engine recomputes at a time; dispatch
/// runs beside it.
/// </summary>
/// <remarks>
/// Where the stock book lives depends on the store. A store implementing <see cref="IStockBookStore"/> keeps it (and
/// the oversell windows are its reservations), so every host sharing the store computes from the same view, and each
/// write is a compare-and-set on the view's generation: a computation from an older view never overwrites one from a
/// newer view. Otherwise the engine keeps the book and the open windows in process memory (one host per store).
/// </remarks>
internal sealed partial class InventoryEngine : IInventorySync, IStockLevelSink, IOversellWindow, IDisposable
{
    private readonly ISyncStateStore _store;
    private readonly IStockBookStore? _shared;
    private readonly IChannelRegistry _registry;
    private readonly IItemResolver _resolver;
    private readonly IAvailabilityCalculator _calculator;
    private readonly ConnectorsOptions _options;
    private readonly TimeProvider _time;
    private readonly ConnectorsMetrics _metrics;
    private readonly IWarehouseInventory? _warehouse;
    private readonly ILogger _logger;
    private readonly bool _defaultCalculator;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Lock _planGate = new();
    private readonly Dictionary<(string Channel, string OrderId), PendingReservation> _reservations = [];
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<(string Sku, string Location)> _dirtyLocations = [];
    private readonly HashSet<string> _dirtyEverywhere = new(StringComparer.Ordinal);
    private readonly List<DesiredInventory> _desired = [];
    private readonly Dictionary<string, decimal> _componentScratch = new(StringComparer.Ordinal);
    private readonly List<string> _locationScratch = [];
    private readonly HashSet<string> _itemScratch = new(StringComparer.Ordinal);
    private readonly List<string> _missingScratch = [];
    private readonly List<(ChannelPlan Plan, string Sku, IReadOnlyList<ChannelItemDefinition> Items)> _resolved = [];
    private readonly HashSet<string> _needed = new(StringComparer.Ordinal);
    private readonly StockBook _view = new();
    private readonly WorkSignal? _pushSignal;
    private readonly ChangeRates _changeRates = new();
    private StockBook _stock = new();
    private ChannelPlan[]? _plans;
    private bool _initialized;

    public InventoryEngine(
        ISyncStateStore store,
        IChannelRegistry registry,
        IItemResolver resolver,
        IAvailabilityCalculator calculator,
        IOptions<ConnectorsOptions> options,
        TimeProvider time,
        ConnectorsMetrics metrics,
        IWarehouseInventory? warehouse = null,
        ILoggerFactory? loggerFactory = null,
        WorkSignals? signals = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _shared = store as IStockBookStore;
        _registry = registry;
        _resolver = resolver;
        _calculator = calculator;
        _defaultCalculator = calculator is ComponentAvailabilityCalculator;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _warehouse = warehouse;
        _logger = (ILogger?)loggerFactory?.CreateLogger<InventoryEngine>() ?? NullLogger.Instance;
        _pushSignal = signals?.Inventory;
    }

    private InventorySyncOptions Settings => _options.Inventory;

    public void Dispose()
    {
        _writer.Dispose();
        _syncGate.Dispose();
    }

    public Task AcceptStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken) =>
        RecordStockLevelsAsync(levels, cancellationToken);

    public async Task RecordStockLevelsAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (levels.Count == 0)
        {
            return;
        }

        for (var i = 0; i < levels.Count; i++)
        {
            _ = levels[i] ?? throw new ConnectorValidationException($"levels[{i}]", "must not be null.");
        }

        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_shared is { } shared)
            {
                await shared.RecordStockAsync(levels, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var level in levels)
            {
                if (_shared is null)
                {
                    _stock.Set(level.Sku, level.LocationId, level.Free);
                    NoteChangedDuringSnapshot(level.Sku, level.LocationId);
                }

                _dirty.Add(level.Sku);
                _dirtyLocations.Add((level.Sku, level.LocationId));
            }

            await ReleaseAwaitedWindowsAsync(levels, cancellationToken).ConfigureAwait(false);

            var rows = await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
            Log.StockRecorded(_logger, levels.Count, rows);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    public async ValueTask OpenAsync(PendingReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _awaitingStock.Remove((reservation.Channel, reservation.OrderId));
            if (_shared is { } shared)
            {
                // The store's reservations are the window: recompute the SKUs of the replaced and the new one.
                var replaced = await shared.GetReservationAsync(reservation.Channel, reservation.OrderId, cancellationToken).ConfigureAwait(false);
                await _store.SetReservationAsync(reservation, cancellationToken).ConfigureAwait(false);
                MarkWindowDirty(replaced);
                MarkWindowDirty(reservation);
                await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            await _store.SetReservationAsync(reservation, cancellationToken).ConfigureAwait(false);
            var key = (reservation.Channel, reservation.OrderId);
            if (_reservations.Remove(key, out var previous))
            {
                ApplyWindow(previous, -1m);
            }

            _reservations.Add(key, reservation);
            ApplyWindow(reservation, 1m);
            await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    public async ValueTask CloseAsync(string channel, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _awaitingStock.Remove((channel, orderId));
            if (_shared is { } shared)
            {
                var closed = await shared.GetReservationAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
                if (await _store.RemoveReservationAsync(channel, orderId, cancellationToken).ConfigureAwait(false))
                {
                    MarkWindowDirty(closed);
                    await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
            await _store.RemoveReservationAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
            if (_reservations.Remove((channel, orderId), out var previous))
            {
                ApplyWindow(previous, -1m);
                await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    /// <summary>Loads the open oversell windows once, so a restarted engine keeps subtracting them.</summary>
    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await foreach (var reservation in _store.ListReservationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_reservations.TryAdd((reservation.Channel, reservation.OrderId), reservation))
            {
                ApplyWindow(reservation, 1m);
            }
        }

        ClearDirty();
        _initialized = true;
    }

    private void ClearDirty()
    {
        _dirty.Clear();
        _dirtyLocations.Clear();
        _dirtyEverywhere.Clear();
        _desired.Clear();
        _resolved.Clear();
    }

    private void ApplyWindow(PendingReservation reservation, decimal sign)
    {
        foreach (var quantity in reservation.Quantities)
        {
            _stock.AddWindow(quantity.Sku, sign * quantity.Quantity);
        }

        MarkWindowDirty(reservation);
    }

    /// <summary>A window touches every location and every channel of its SKUs.</summary>
    private void MarkWindowDirty(PendingReservation? reservation)
    {
        if (reservation is null)
        {
            return;
        }

        foreach (var quantity in reservation.Quantities)
        {
            _dirty.Add(quantity.Sku);
            _dirtyEverywhere.Add(quantity.Sku);
        }
    }

    /// <summary>Recomputes every row the dirty SKUs feed, on every inventory channel, and stores them in one batch.</summary>
    private async ValueTask<int> RecomputeAndStoreAsync(CancellationToken cancellationToken)
    {
        if (_dirty.Count == 0)
        {
            return 0;
        }

        // What another host changed in the zero lists counts in this computation too (the engine must be initialized
        // first: without a shared book, initializing clears the dirty set).
        if (_shared is not null || _initialized)
        {
            await RefreshZeroListAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        await ResolveDirtyAsync(now, cancellationToken).ConfigureAwait(false);
        if (_shared is { } shared)
        {
            return await RecomputeSharedAsync(shared, now, cancellationToken).ConfigureAwait(false);
        }

        await EnsureKnownAsync(_stock, _dirty, cancellationToken).ConfigureAwait(false);
        await ComputeResolvedAsync(_stock, askWarehouse: true, cancellationToken).ConfigureAwait(false);
        if (_desired.Count == 0)
        {
            return 0;
        }

        await _store.SetDesiredInventoryAsync(_desired, now, cancellationToken).ConfigureAwait(false);
        _pushSignal?.Notify();
        return _desired.Count;
    }

    /// <summary>
    /// The shared book: reads one consistent view of every SKU the dirty items are made of (filling in SKUs the book
    /// does not know from the WMS), computes from it, and stores with a compare-and-set on the view's generation.
    /// </summary>
    private async ValueTask<int> RecomputeSharedAsync(IStockBookStore shared, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var needed = _needed;
        needed.Clear();
        needed.UnionWith(_dirty);
        foreach (var (_, _, items) in _resolved)
        {
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var component in items[i].Components)
                {
                    needed.Add(component.Sku);
                }
            }
        }

        var snapshot = await shared.ReadStockAsync(needed, cancellationToken).ConfigureAwait(false);
        if (_warehouse is not null && !snapshot.Complete && snapshot.KnownSkus.Count < needed.Count)
        {
            var known = new HashSet<string>(snapshot.KnownSkus, StringComparer.Ordinal);
            string[] missing = [.. needed.Where(sku => !known.Contains(sku))];
            var levels = new List<StockLevel>();
            await foreach (var level in _warehouse.GetStockLevelsAsync(missing, cancellationToken).ConfigureAwait(false))
            {
                levels.Add(level);
            }

            await shared.AddUnknownStockAsync(missing, levels, now, cancellationToken).ConfigureAwait(false);
            snapshot = await shared.ReadStockAsync(needed, cancellationToken).ConfigureAwait(false);
        }

        _view.Load(snapshot);
        await ComputeResolvedAsync(_view, askWarehouse: false, cancellationToken).ConfigureAwait(false);
        if (_desired.Count == 0)
        {
            return 0;
        }

        await shared.SetDesiredInventoryIfNewerAsync(_desired, snapshot.Generation, now, cancellationToken).ConfigureAwait(false);
        _pushSignal?.Notify();
        return _desired.Count;
    }

    /// <summary>The items each dirty SKU feeds, per inventory channel.</summary>
    private async ValueTask ResolveDirtyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _resolved.Clear();
        foreach (var plan in GetPlans())
        {
            foreach (var sku in _dirty)
            {
                if (!plan.TryGetItems(sku, now, out var items))
                {
                    items = await ResolveAsync(plan, sku, now, cancellationToken).ConfigureAwait(false);
                }

                _resolved.Add((plan, sku, items));
            }
        }
    }

    /// <summary>Adds the rows of the resolved items, computed from <paramref name="book"/>, to the batch.</summary>
    private async ValueTask ComputeResolvedAsync(StockBook book, bool askWarehouse, CancellationToken cancellationToken)
    {
        await EnsureZeroListLoadedAsync(cancellationToken).ConfigureAwait(false);
        ChannelPlan? current = null;
        foreach (var (plan, sku, items) in _resolved)
        {
            if (!ReferenceEquals(plan, current))
            {
                current = plan;
                _itemScratch.Clear();
            }

            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item.Components.Count > 1)
                {
                    if (!_itemScratch.Add(item.ChannelItemId))
                    {
                        continue; // a bundle fed by two dirty SKUs is computed once
                    }

                    if (!await KnowsAllAsync(book, item, askWarehouse, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                }
                else if (!book.Knows(item.Components[0].Sku))
                {
                    if (!await KnowsAllAsync(book, item, askWarehouse, cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }
                }

                // A stock level at one WMS location changes only that location's row of a plain item on a
                // shared-pool channel; windows and priority ranks touch every location.
                var onlyDirtyOf = plan.Mode == LocationMode.Identity && !plan.IsPriority && item.Components.Count == 1
                    && !_dirtyEverywhere.Contains(sku) ? sku : null;
                AddRows(plan, book, item, existingLocations: null, _desired, onlyDirtyOf);
            }
        }
    }

    private async ValueTask<IReadOnlyList<ChannelItemDefinition>> ResolveAsync(ChannelPlan plan, string sku, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var items = await _resolver.FindBySkuAsync(plan.Name, sku, cancellationToken).ConfigureAwait(false);
        if (Settings.ItemCacheDuration > TimeSpan.Zero)
        {
            plan.CacheItems(sku, items, now + Settings.ItemCacheDuration);
        }

        return items;
    }

    /// <summary>Asks the WMS (when registered) for SKUs the engine has not heard of since it started.</summary>
    private async ValueTask EnsureKnownAsync(StockBook book, IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        if (book.Complete || _warehouse is null)
        {
            return;
        }

        _missingScratch.Clear();
        foreach (var sku in skus)
        {
            if (!book.Knows(sku))
            {
                _missingScratch.Add(sku);
            }
        }

        if (_missingScratch.Count == 0)
        {
            return;
        }

        string[] missing = [.. _missingScratch];
        await foreach (var level in _warehouse.GetStockLevelsAsync(missing, cancellationToken).ConfigureAwait(false))
        {
            book.Set(level.Sku, level.LocationId, level.Free);
            if (ReferenceEquals(book, _stock))
            {
                NoteChangedDuringSnapshot(level.Sku, level.LocationId);
            }
        }

        foreach (var sku in missing)
        {
            book.MarkKnown(sku);
        }
    }

    private async ValueTask<bool> KnowsAllAsync(StockBook book, ChannelItemDefinition item, bool askWarehouse, CancellationToken cancellationToken)
    {
        var all = true;
        foreach (var component in item.Components)
        {
            all &= book.Knows(component.Sku);
        }

        if (all)
        {
            return true;
        }

        if (askWarehouse)
        {
            await EnsureKnownAsync(book, item.Components.Select(c => c.Sku), cancellationToken).ConfigureAwait(false);
        }

        foreach (var component in item.Components)
        {
            if (!book.Knows(component.Sku))
            {
                Log.StockUnknown(_logger, component.Sku, item.ChannelItemId, item.Channel);
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds the rows of one item on one channel: one per channel location it shows.</summary>
    private void AddRows(
        ChannelPlan plan, StockBook book, ChannelItemDefinition item, IEnumerable<string>? existingLocations, List<DesiredInventory> into, string? onlyDirtyOf = null)
    {
        var sku = item.Components.Count == 1 ? item.Components[0].Sku : null;
        var locations = LocationsOf(plan, book, item, existingLocations);
        foreach (var location in locations)
        {
            if (onlyDirtyOf is not null && !_dirtyLocations.Contains((onlyDirtyOf, location)))
            {
                continue;
            }

            var quantity = ComputeItem(plan, book, item, location);
            into.Add(new DesiredInventory
            {
                Key = new InventoryKey(plan.Name, item.ChannelItemId, location),
                Quantity = quantity,
                Sku = sku,
            });
        }
    }

    private List<string> LocationsOf(ChannelPlan plan, StockBook book, ChannelItemDefinition item, IEnumerable<string>? existingLocations)
    {
        var locations = _locationScratch;
        locations.Clear();
        if (plan.Mode != LocationMode.Identity)
        {
            locations.AddRange(plan.ChannelLocations);
            return locations;
        }

        var components = item.Components;
        for (var i = 0; i < components.Count; i++)
        {
            foreach (var location in book.Locations(components[i].Sku).Keys)
            {
                if (components.Count == 1 || !locations.Contains(location))
                {
                    locations.Add(location);
                }
            }
        }

        if (existingLocations is not null)
        {
            foreach (var location in existingLocations)
            {
                if (!locations.Contains(location))
                {
                    locations.Add(location);
                }
            }
        }

        return locations;
    }

    /// <summary>Selling units of an item at a channel location: per-component availability, then the calculator.</summary>
    private int ComputeItem(ChannelPlan plan, StockBook book, ChannelItemDefinition item, string location)
    {
        if (!item.OnSale || (plan.Options.OutOfSaleItems.Count > 0 && plan.Options.OutOfSaleItems.Contains(item.ChannelItemId)) || IsZeroed(plan, item.ChannelItemId))
        {
            return 0;
        }

        var components = item.Components;
        if (_defaultCalculator && item.IsSimple)
        {
            // What ComponentAvailabilityCalculator computes for one unit of one SKU, without a dictionary per row.
            var units = decimal.Floor(SkuAvailable(plan, book, components[0].Sku, location));
            return units >= int.MaxValue ? int.MaxValue : (int)units;
        }

        var available = _componentScratch;
        available.Clear();
        for (var i = 0; i < components.Count; i++)
        {
            available[components[i].Sku] = SkuAvailable(plan, book, components[i].Sku, location);
        }

        return Math.Max(0, _calculator.Calculate(item, available));
    }

    /// <summary>
    /// WMS units of a SKU a channel may show at one of its locations: the pool of the WMS locations feeding it, less
    /// the oversell window, the safety stocks and the percentage held back, then the channel's share or what higher
    /// priority channels left, capped; never below zero.
    /// </summary>
    private decimal SkuAvailable(ChannelPlan plan, StockBook book, string sku, string location)
    {
        var settings = Settings;
        if (settings.OutOfSaleSkus.Count > 0 && settings.OutOfSaleSkus.Contains(sku))
        {
            return 0m;
        }

        var pool = plan.Mode switch
        {
            LocationMode.Identity => book.Free(sku, location),
            LocationMode.Single => book.Total(sku),
            _ => MappedPool(plan, book, sku, location),
        };

        var safety = settings.SafetyStockBySku.Count > 0 && settings.SafetyStockBySku.TryGetValue(sku, out var bySku) ? bySku : settings.SafetyStock;
        var available = pool - safety - plan.SafetyStock;
        if (book.HasWindow)
        {
            available -= book.Windowed(sku);
        }

        if (available <= 0m)
        {
            return 0m;
        }

        if (plan.SafetyPercent > 0m)
        {
            available = decimal.Floor(available * (100m - plan.SafetyPercent) / 100m);
        }

        if (plan.IsPriority)
        {
            foreach (var higher in plan.Higher)
            {
                available -= Taken(higher, book, sku);
            }
        }
        else if (plan.Options.SharePercent < 100m)
        {
            available = decimal.Floor(available * plan.Options.SharePercent / 100m);
        }

        if (plan.Options.MaxQuantity is { } cap && available > cap)
        {
            available = cap;
        }

        return available <= 0m ? 0m : available;
    }

    /// <summary>What a higher-priority channel takes of a SKU: the sum over its locations, in whole units.</summary>
    private decimal Taken(ChannelPlan plan, StockBook book, string sku)
    {
        var taken = 0m;
        if (plan.Mode == LocationMode.Identity)
        {
            foreach (var location in book.Locations(sku).Keys)
            {
                taken += decimal.Floor(SkuAvailable(plan, book, sku, location));
            }
        }
        else
        {
            foreach (var location in plan.ChannelLocations)
            {
                taken += decimal.Floor(SkuAvailable(plan, book, sku, location));
            }
        }

        return taken;
    }

    private static decimal MappedPool(ChannelPlan plan, StockBook book, string sku, string location)
    {
        if (!plan.Sources.TryGetValue(location, out var sources))
        {
            return 0m;
        }

        var pool = 0m;
        foreach (var (warehouseLocation, fraction) in sources)
        {
            pool += book.Free(sku, warehouseLocation) * fraction;
        }

        return pool;
    }

    /// <summary>The inventory channels, built once: settings resolved and priority ranks linked.</summary>
    private ChannelPlan[] GetPlans()
    {
        if (Volatile.Read(ref _plans) is { } plans)
        {
            return plans;
        }

        lock (_planGate)
        {
            if (_plans is not null)
            {
                return _plans;
            }

            var list = new List<ChannelPlan>();
            foreach (var name in _registry.Names)
            {
                if (_registry.TryGetPort<IInventoryChannel>(name, out var port))
                {
                    var options = Settings.Channels.TryGetValue(name, out var configured) ? configured : new ChannelInventoryOptions();
                    list.Add(new ChannelPlan(port, options, Settings));
                }
            }

            var ranked = list.Where(p => p.IsPriority).OrderBy(p => p.Options.Priority).ToArray(); // stable: ties by registration
            for (var i = 0; i < ranked.Length; i++)
            {
                ranked[i].Higher = ranked[..i];
            }

            Volatile.Write(ref _plans, [.. list]);
            return _plans!;
        }
    }

    private ChannelPlan GetPlan(string channel)
    {
        foreach (var plan in GetPlans())
        {
            if (string.Equals(plan.Name, channel, StringComparison.OrdinalIgnoreCase))
            {
                return plan;
            }
        }

        var known = string.Join(", ", GetPlans().Select(p => p.Name));
        throw new ConnectorException(
            $"No inventory channel is named '{channel}' ({(known.Length == 0 ? "none are registered" : "inventory channels: " + known)}).");
    }
}

using Connectors.Telemetry;

namespace Connectors.Inventory.Internal;

/// <summary>
/// The end of an oversell window: closing it when the WMS accepted the order (only together with stock levels read
/// after the acceptance, so the units the WMS took are never shown again), and expiring windows that outlived
/// <see cref="InventorySyncOptions.ReservationTimeToLive"/>.
/// </summary>
internal sealed partial class InventoryEngine
{
    /// <summary>Accepted orders whose window waits for stock levels of these SKUs (no <see cref="IWarehouseInventory"/> to read them, or the read failed). Writer only.</summary>
    private readonly Dictionary<(string Channel, string OrderId), HashSet<string>> _awaitingStock = [];

    /// <summary>When the next expiry sweep may run (UTC ticks).</summary>
    private long _nextExpirySweep;

    public async ValueTask AcceptedAsync(string channel, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(orderId);
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PendingReservation? reservation;
            if (_shared is { } shared)
            {
                reservation = await shared.GetReservationAsync(channel, orderId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
                reservation = _reservations.GetValueOrDefault((channel, orderId));
            }

            if (reservation is null)
            {
                return;
            }

            string[] skus = [.. reservation.Quantities.Select(q => q.Sku).Distinct(StringComparer.Ordinal)];
            List<StockLevel>? levels = null;
            if (_warehouse is { } warehouse)
            {
                try
                {
                    levels = [];
                    await foreach (var level in warehouse.GetStockLevelsAsync(skus, cancellationToken).ConfigureAwait(false))
                    {
                        levels.Add(level);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A failed read must not fail the order the WMS has accepted: the window then waits for published levels.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    Log.AcceptedStockReadFailed(_logger, orderId, channel, e);
                    levels = null;
                }
            }

            if (levels is null)
            {
                // Until levels of every SKU arrive, the window keeps subtracting: the stock book may not show the units
                // the WMS took yet, and closing now would give them back to every channel.
                _awaitingStock[(channel, orderId)] = new HashSet<string>(skus, StringComparer.Ordinal);
                return;
            }

            await RecordReadLevelsAsync(skus, levels, cancellationToken).ConfigureAwait(false);
            await RemoveWindowAsync(reservation, cancellationToken).ConfigureAwait(false);
            await RecomputeAndStoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ClearDirty();
            _writer.Release();
        }
    }

    /// <summary>
    /// Records what the WMS answered for <paramref name="skus"/> as their whole stock: a location the book knows that
    /// the answer left out holds nothing now. Marks the SKUs dirty everywhere. Writer only.
    /// </summary>
    private async ValueTask RecordReadLevelsAsync(string[] skus, List<StockLevel> levels, CancellationToken cancellationToken)
    {
        var read = new HashSet<(string Sku, string Location)>(levels.Select(l => (l.Sku, l.LocationId)));
        var all = new List<StockLevel>(levels);
        var now = _time.GetUtcNow();
        if (_shared is { } shared)
        {
            var view = await shared.ReadStockAsync(skus, cancellationToken).ConfigureAwait(false);
            foreach (var known in view.Levels)
            {
                if (!read.Contains((known.Sku, known.LocationId)))
                {
                    all.Add(new StockLevel(known.Sku, known.LocationId, 0m));
                }
            }

            if (all.Count > 0)
            {
                await shared.RecordStockAsync(all, now, cancellationToken).ConfigureAwait(false);
            }

            await shared.AddUnknownStockAsync(skus, [], now, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var sku in skus)
            {
                foreach (var location in _stock.Locations(sku).Keys)
                {
                    if (!read.Contains((sku, location)))
                    {
                        all.Add(new StockLevel(sku, location, 0m));
                    }
                }
            }

            foreach (var level in all)
            {
                _stock.Set(level.Sku, level.LocationId, level.Free);
                NoteChangedDuringSnapshot(level.Sku, level.LocationId);
            }

            foreach (var sku in skus)
            {
                _stock.MarkKnown(sku);
            }
        }

        foreach (var sku in skus)
        {
            _dirty.Add(sku);
            _dirtyEverywhere.Add(sku);
        }
    }

    /// <summary>Removes a window from the store (and the engine's own book) and marks its SKUs dirty. Writer only.</summary>
    private async ValueTask RemoveWindowAsync(PendingReservation reservation, CancellationToken cancellationToken)
    {
        var key = (reservation.Channel, reservation.OrderId);
        _awaitingStock.Remove(key);
        await _store.RemoveReservationAsync(reservation.Channel, reservation.OrderId, cancellationToken).ConfigureAwait(false);
        if (_shared is null)
        {
            if (_reservations.Remove(key, out var previous))
            {
                ApplyWindow(previous, -1m);
            }
        }
        else
        {
            MarkWindowDirty(reservation);
        }
    }

    /// <summary>
    /// After stock levels were recorded: closes the windows of accepted orders that waited for levels of these SKUs
    /// once every SKU of theirs has had one. Writer only.
    /// </summary>
    /// <param name="levels">The levels recorded, or <see langword="null"/> for a full snapshot.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="snapshotCovers">For a full snapshot: the windows that were waiting when it started to be read.</param>
    private async ValueTask ReleaseAwaitedWindowsAsync(
        IReadOnlyList<StockLevel>? levels, CancellationToken cancellationToken, (string Channel, string OrderId)[]? snapshotCovers = null)
    {
        if (_awaitingStock.Count == 0)
        {
            return;
        }

        List<(string Channel, string OrderId)>? done = null;
        foreach (var (key, skus) in _awaitingStock)
        {
            if (levels is null)
            {
                if (snapshotCovers is null || Array.IndexOf(snapshotCovers, key) >= 0)
                {
                    skus.Clear(); // a full snapshot: every SKU has been read after the acceptance
                }
            }
            else
            {
                foreach (var level in levels)
                {
                    skus.Remove(level.Sku);
                }
            }

            if (skus.Count == 0)
            {
                (done ??= []).Add(key);
            }
        }

        foreach (var (channel, orderId) in done ?? [])
        {
            _awaitingStock.Remove((channel, orderId));
            var reservation = _shared is { } shared
                ? await shared.GetReservationAsync(channel, orderId, cancellationToken).ConfigureAwait(false)
                : _reservations.GetValueOrDefault((channel, orderId));
            if (reservation is not null)
            {
                await RemoveWindowAsync(reservation, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>At most once a minute (or half the time-to-live), from a dispatch pass: closes expired windows.</summary>
    private async ValueTask ExpireReservationsIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = Interlocked.Read(ref _nextExpirySweep);
        var ttl = Settings.ReservationTimeToLive;
        var interval = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, ttl.Ticks / 2));
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextExpirySweep, (now + interval).UtcTicks, due) != due)
        {
            return;
        }

        await ExpireReservationsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes every window opened more than <see cref="InventorySyncOptions.ReservationTimeToLive"/> ago (its units are
    /// available again), counting each in <c>connectors.inventory.reservations_expired</c>.
    /// </summary>
    /// <returns>How many windows expired.</returns>
    internal async ValueTask<int> ExpireReservationsAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var ttl = Settings.ReservationTimeToLive;
        var expired = new List<PendingReservation>();
        await foreach (var reservation in _store.ListReservationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reservation.CreatedAt + ttl <= now)
            {
                expired.Add(reservation);
            }
        }

        foreach (var reservation in expired)
        {
            await CloseAsync(reservation.Channel, reservation.OrderId, cancellationToken).ConfigureAwait(false);
            _metrics.ReservationsExpired.Add(1, ConnectorsMetrics.Channel(reservation.Channel));
            Log.ReservationExpired(_logger, reservation.OrderId, reservation.Channel, reservation.CreatedAt, ttl);
        }

        return expired.Count;
    }
}

namespace Connectors;

/// <summary>
/// An optional capability of an <see cref="ISyncStateStore"/>: the inventory engine's <em>stock book</em> (the last
/// known WMS stock per SKU and location) kept in the store, so that every host sharing the store computes desired
/// quantities from the same stock and the same open oversell windows (<see cref="PendingReservation"/>s). The engine
/// uses it when its store implements this interface, and otherwise keeps the stock book in process memory.
/// </summary>
/// <remarks>
/// <para>
/// The store keeps one <em>generation</em> that grows with every change to the stock book and with every change to
/// the reservations (<see cref="IReservationStore.SetReservationAsync"/>, <see cref="IReservationStore.RemoveReservationAsync"/>),
/// atomically with the change. <see cref="ReadStockAsync"/> returns a consistent view with its generation, so a view
/// with a higher generation has seen every change a lower one saw.
/// </para>
/// <para>
/// <see cref="SetDesiredInventoryIfNewerAsync"/> is the compare-and-set that makes concurrent computations safe: each
/// inventory row remembers the generation it was computed from, and a computation from an older view never
/// overwrites one from a newer view.
/// </para>
/// </remarks>
public interface IStockBookStore
{
    /// <summary>
    /// Records absolute stock levels (the last one of a SKU and location in the batch wins), marks their SKUs known and
    /// advances the generation, atomically.
    /// </summary>
    /// <param name="levels">The levels, as the WMS reported them.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The generation of this change.</returns>
    ValueTask<long> RecordStockAsync(IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fills in SKUs the stock book does not know yet from a WMS read: for each of <paramref name="skus"/> that is not
    /// known, stores its <paramref name="levels"/> (none means it has no stock anywhere) and marks it known. SKUs known
    /// already are left as they are, so a slower read never overwrites a newer recorded level. Advances the generation
    /// when anything was added.
    /// </summary>
    /// <param name="skus">The SKUs that were read.</param>
    /// <param name="levels">What the WMS answered for them.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The generation after the call.</returns>
    ValueTask<long> AddUnknownStockAsync(IReadOnlyCollection<string> skus, IReadOnlyList<StockLevel> levels, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stock book with a full WMS snapshot and marks it complete (every SKU not in it holds nothing), except
    /// the entries recorded after generation <paramref name="keepChangedAfter"/> (changes that arrived while the
    /// snapshot was being read), which are kept. Advances the generation, atomically.
    /// </summary>
    /// <param name="levels">The snapshot.</param>
    /// <param name="keepChangedAfter">The generation read before the snapshot was taken.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The generation of this change.</returns>
    ValueTask<long> ReplaceStockAsync(IReadOnlyList<StockLevel> levels, long keepChangedAfter, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads, as one consistent view, the current generation, the stock of the given SKUs and the units the open
    /// reservations hold back of them.
    /// </summary>
    /// <param name="skus">The SKUs to read, or <see langword="null"/> for the whole book and every reserved SKU.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The view.</returns>
    ValueTask<StockBookSnapshot> ReadStockAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default);

    /// <summary>Reads the open reservation of one order.</summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="orderId">The channel's order id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reservation, or <see langword="null"/> when none is open.</returns>
    ValueTask<PendingReservation?> GetReservationAsync(string channel, string orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets desired quantities computed from the view of generation <paramref name="generation"/>, as
    /// <see cref="IInventoryStateStore.SetDesiredInventoryAsync"/> does, but leaves alone every row last computed from a newer
    /// generation. Rows written get <paramref name="generation"/> as their source, also when their quantity is unchanged.
    /// </summary>
    /// <param name="rows">The new desired quantities.</param>
    /// <param name="generation">The generation of the view they were computed from.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many rows changed their desired quantity.</returns>
    ValueTask<int> SetDesiredInventoryIfNewerAsync(IReadOnlyList<DesiredInventory> rows, long generation, DateTimeOffset now, CancellationToken cancellationToken = default);
}

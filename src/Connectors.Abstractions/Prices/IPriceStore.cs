namespace Connectors;

/// <summary>
/// An optional capability of an <see cref="ISyncStateStore"/>: the price flow's durable state. It keeps the base prices
/// the host published (the <em>price book</em>, per SKU and currency) and one row per channel item and currency with the
/// desired and the acknowledged price, like the inventory rows. The in-memory, SQLite and PostgreSQL stores implement
/// it; the price engine refuses to start on a store that does not. Every batch method is atomic.
/// </summary>
/// <remarks>
/// A row whose desired price changes may be <em>held</em> (<see cref="DesiredPrice.HoldReason"/>): it is pending but not
/// claimed until a person releases it (<see cref="ReleaseHeldPriceAsync"/>) or discards it (<see cref="DiscardHeldPriceAsync"/>).
/// A desired price equal to the stored one leaves the row, and its hold, as they are.
/// </remarks>
public interface IPriceStore
{
    /// <summary>Records base prices; the last one of a SKU and currency in the batch wins.</summary>
    /// <param name="prices">The prices.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries changed (new or different price or cost).</returns>
    ValueTask<int> SetBasePricesAsync(IReadOnlyList<BasePrice> prices, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Reads base prices, ordered by SKU then currency.</summary>
    /// <param name="skus">The SKUs to read (every currency of each), or <see langword="null"/> for the whole book.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The prices.</returns>
    ValueTask<IReadOnlyList<BasePrice>> ReadBasePricesAsync(IReadOnlyCollection<string>? skus, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets desired prices. A row whose desired price changes gets a new version, its attempts reset and last error
    /// cleared, is due at <paramref name="now"/> and takes the entry's <see cref="DesiredPrice.HoldReason"/> (held or
    /// not); a row whose desired price is unchanged is left as it is. When a key repeats in the batch, the last entry wins.
    /// </summary>
    /// <param name="rows">The new desired prices.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many rows changed.</returns>
    /// <exception cref="ConnectorValidationException">A key's currency is not its price's; nothing is stored.</exception>
    ValueTask<int> SetDesiredPricesAsync(IReadOnlyList<DesiredPrice> rows, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="maxRows"/> pending rows of a channel that are not held, due by <paramref name="now"/>
    /// and not leased, oldest due first, and leases them until <paramref name="now"/> + <paramref name="lease"/>.
    /// </summary>
    /// <param name="channel">The channel instance.</param>
    /// <param name="maxRows">The most rows to claim.</param>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the claim holds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed rows.</returns>
    ValueTask<IReadOnlyList<PriceRow>> ClaimPendingPricesAsync(string channel, int maxRows, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records prices the channel applied, releases their leases and resets their attempts. If desired changed
    /// meanwhile, the row stays pending.
    /// </summary>
    /// <param name="acknowledgements">The applied prices.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AcknowledgePricesAsync(IReadOnlyList<PriceAcknowledgement> acknowledgements, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases rows whose push failed: attempts grow by one, the error is kept, and they are due again at
    /// <paramref name="nextAttemptAt"/> (<see cref="DateTimeOffset.MaxValue"/> parks them until desired changes).
    /// </summary>
    /// <param name="keys">The rows.</param>
    /// <param name="nextAttemptAt">When they are due again.</param>
    /// <param name="reason">Why the push failed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask ReschedulePricesAsync(IReadOnlyList<PriceKey> keys, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>Reads rows; keys without a row are absent from the answer.</summary>
    /// <param name="keys">The rows.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows found, in any order.</returns>
    ValueTask<IReadOnlyList<PriceRow>> GetPricesAsync(IReadOnlyCollection<PriceKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Lists rows, ordered by channel, item id, then currency.</summary>
    /// <param name="channel">Only this channel's rows, or <see langword="null"/> for all.</param>
    /// <param name="filter">Which rows.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The rows.</returns>
    IAsyncEnumerable<PriceRow> ListPricesAsync(string? channel, PriceRowFilter filter = PriceRowFilter.All, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases a held change so it is pushed: if the row is held at version <paramref name="version"/>, its hold is
    /// cleared and it is due at <paramref name="now"/>.
    /// </summary>
    /// <param name="key">The row.</param>
    /// <param name="version">The version the person looked at; a newer desired price is not released by mistake.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when released; <see langword="false"/> when the row is gone, not held or at another version.</returns>
    ValueTask<bool> ReleaseHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Discards a held change: if the row is held at version <paramref name="version"/>, its desired price goes back to
    /// the acknowledged one (a row never acknowledged is deleted) and the hold is cleared, so nothing is pushed.
    /// </summary>
    /// <param name="key">The row.</param>
    /// <param name="version">The version the person looked at.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when discarded; <see langword="false"/> when the row is gone, not held or at another version.</returns>
    ValueTask<bool> DiscardHeldPriceAsync(PriceKey key, long version, DateTimeOffset now, CancellationToken cancellationToken = default);
}

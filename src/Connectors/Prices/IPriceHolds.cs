namespace Connectors;

/// <summary>
/// Price changes held for a person because they move the price by more than
/// <see cref="Prices.PriceSyncOptions.MaxChangePercent"/> (a wrong decimal point must not sell the stock at a tenth of
/// its price). Like <see cref="IDeadLetters"/>: list, release (push it), discard (keep what the channel shows).
/// </summary>
public interface IPriceHolds
{
    /// <summary>Lists held rows with the price the channel shows (<see cref="PriceRow.Acknowledged"/>), the held one and why.</summary>
    /// <param name="channel">Only this channel's, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The held rows.</returns>
    IAsyncEnumerable<PriceRow> ListAsync(string? channel = null, CancellationToken cancellationToken = default);

    /// <summary>Releases a held change: the next dispatch pushes it.</summary>
    /// <param name="key">The row.</param>
    /// <param name="version">The <see cref="PriceRow.Version"/> listed, so a newer price is not released unseen.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when released; <see langword="false"/> when not held (any more) at that version.</returns>
    Task<bool> ReleaseAsync(PriceKey key, long version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Discards a held change: the row goes back to what the channel shows. Publishing the same base price again
    /// holds it again, so fix the base price (or the rule) first.
    /// </summary>
    /// <param name="key">The row.</param>
    /// <param name="version">The <see cref="PriceRow.Version"/> listed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when discarded; <see langword="false"/> when not held (any more) at that version.</returns>
    Task<bool> DiscardAsync(PriceKey key, long version, CancellationToken cancellationToken = default);
}

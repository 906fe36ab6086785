namespace Connectors;

/// <summary>
/// The host's exchange rates, for channels whose pricing rules sell in another currency than the base price. The
/// engine never invents a rate: with no rate the item is not priced and the problem is dead-lettered.
/// </summary>
public interface IExchangeRateSource
{
    /// <summary>How many units of <paramref name="toCurrency"/> one unit of <paramref name="fromCurrency"/> buys at <paramref name="at"/>.</summary>
    /// <param name="fromCurrency">The ISO 4217 code converted from.</param>
    /// <param name="toCurrency">The ISO 4217 code converted to.</param>
    /// <param name="at">When the price is computed.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The rate (greater than zero), or <see langword="null"/> when the source has none.</returns>
    ValueTask<decimal?> GetRateAsync(string fromCurrency, string toCurrency, DateTimeOffset at, CancellationToken cancellationToken = default);
}

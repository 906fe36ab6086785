namespace Connectors.Prices;

/// <summary>Settings of the price flow (<c>Connectors:Prices</c>).</summary>
public sealed class PriceSyncOptions
{
    /// <summary>
    /// A desired price that moves the regular or the sale price by more than this percentage of what the channel last
    /// acknowledged is held for a person (<see cref="IPriceHolds"/>) instead of pushed; a price that was never pushed
    /// is not held. From 0.01 to 10,000.
    /// </summary>
    /// <value>50 (%).</value>
    public decimal MaxChangePercent { get; set; } = 50m;

    /// <summary>
    /// Per channel instance, a different <see cref="MaxChangePercent"/> (for example tighter on a marketplace that
    /// penalises price swings).
    /// </summary>
    public IDictionary<string, decimal> MaxChangePercentByChannel { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal);
}

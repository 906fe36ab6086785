namespace Connectors;

/// <summary>Turns WMS availability per SKU into a channel item's sellable quantity (bundles, packs, units).</summary>
public interface IAvailabilityCalculator
{
    /// <summary>
    /// The whole selling units of <paramref name="item"/> that <paramref name="availableBySku"/> covers; never negative.
    /// The default is the minimum over components of floor(available / quantity per unit).
    /// </summary>
    /// <param name="item">The channel item.</param>
    /// <param name="availableBySku">Available-to-sell WMS units of each component SKU (missing means zero).</param>
    /// <returns>The sellable quantity.</returns>
    int Calculate(ChannelItemDefinition item, IReadOnlyDictionary<string, decimal> availableBySku);
}

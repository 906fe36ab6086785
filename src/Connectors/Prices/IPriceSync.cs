namespace Connectors;

/// <summary>
/// The price engine (WMS base prices -> channel prices), driven by a host. Base prices only recompute the desired price
/// of each (channel, item, currency) row in the state store through the channel's pricing rules
/// (<see cref="IPriceCalculator"/>); <see cref="DispatchAsync"/> pushes rows whose desired price the channel has not
/// acknowledged and that are not held. Bursts coalesce, pending pushes survive a restart, and a change above
/// <see cref="Prices.PriceSyncOptions.MaxChangePercent"/> is held for a person (<see cref="IPriceHolds"/>).
/// </summary>
public interface IPriceSync
{
    /// <summary>
    /// Records base prices and recomputes the desired price of every channel row they feed (bundles and packs
    /// included). Returns when the rows are stored; nothing is pushed here. The same as
    /// <see cref="IConnectorEvents.PublishPricesAsync"/>.
    /// </summary>
    /// <param name="prices">The base prices; the last one of a SKU and currency wins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the desired prices are stored.</returns>
    /// <exception cref="ConnectorValidationException">A price is invalid (empty SKU, negative amount, cost in another currency); nothing is stored.</exception>
    Task RecordPricesAsync(IReadOnlyList<BasePrice> prices, CancellationToken cancellationToken = default);

    /// <summary>
    /// One dispatch pass for a channel: claims due pending rows that are not held, pushes them in batches of the
    /// channel's <see cref="IPriceChannel.MaxPriceBatchSize"/>, acknowledges applied items, dead-letters and parks
    /// rejected ones, and reschedules transient failures with backoff. Returns when no due row is left.
    /// </summary>
    /// <param name="channel">The channel instance name.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>What the pass did.</returns>
    /// <exception cref="ConnectorException">No price channel has that name.</exception>
    Task<PriceDispatchResult> DispatchAsync(string channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes every row of every price channel from the stored base prices and stores the desired prices (after a
    /// change of pricing rules or exchange rates, or at a sale boundary on a channel that does not schedule sales).
    /// </summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>Per channel, what changed, what was held and what could not be priced.</returns>
    Task<PriceSyncReport> RepriceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Computes what <see cref="RepriceAsync"/> would change, per channel, against what each channel last acknowledged,
    /// with the rules applied and whether the change would be held, without storing or pushing anything.
    /// </summary>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>Per channel, the changes and problems.</returns>
    Task<PriceSyncReport> DryRunAsync(CancellationToken cancellationToken = default);
}

namespace Connectors;

/// <summary>
/// A channel that shows prices the engine pushes. Optional: a channel implements it beside <see cref="IInventoryChannel"/>
/// when it can set prices.
/// </summary>
public interface IPriceChannel : IChannel
{
    /// <summary>
    /// The most targets one <see cref="PushPricesAsync"/> may carry (Shopify: 250 variants of one product per call;
    /// WooCommerce: 100 per batch; eBay <c>bulkUpdatePriceQuantity</c>: 25 offers).
    /// </summary>
    int MaxPriceBatchSize { get; }

    /// <summary>
    /// Whether the channel schedules a sale itself (WooCommerce <c>date_on_sale_from</c>/<c>date_on_sale_to</c>, Amazon
    /// <c>discounted_price</c> schedules). When <see langword="false"/>, the engine resolves the sale at the time it
    /// computes: within the window the target's <see cref="ChannelPrice.Amount"/> is the sale price and
    /// <see cref="ChannelPrice.CompareAt"/> the regular price; outside it no sale is sent.
    /// </summary>
    bool SupportsSaleSchedule { get; }

    /// <summary>
    /// Sets the price of each target. Each target gets its own outcome; a whole-batch transport failure throws a
    /// <see cref="ConnectorException"/> whose <see cref="ConnectorException.IsTransient"/> says whether to retry.
    /// </summary>
    /// <param name="targets">The targets; absolute prices, so a retry is idempotent.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    /// <returns>One result per target, in any order.</returns>
    Task<IReadOnlyList<PricePushItemResult>> PushPricesAsync(IReadOnlyList<PriceTarget> targets, CancellationToken cancellationToken = default);
}

namespace Connectors.Mapping.Profiles;

/// <summary>
/// Where a warehouse order's ship-by deadline comes from: the channel's own (Amazon <c>LatestShipDate</c>, eBay
/// <c>shipByDate</c>, Etsy <c>expected_ship_date</c>), or the <see cref="HandlingTime"/> rule for channels that state
/// none (Shopify, WooCommerce, Magento).
/// </summary>
public sealed class ShipByRules
{
    /// <summary>Whether the channel's ship-by wins over the rule when the order carries one.</summary>
    /// <value><see langword="true"/> by default: the marketplace measures the seller against its own date.</value>
    public bool PreferChannel { get; set; } = true;

    /// <summary>The handling-time rule; <see langword="null"/> means no rule (only the channel's ship-by, if any, is used).</summary>
    /// <value><see langword="null"/> by default.</value>
    public HandlingTimeRule? HandlingTime { get; set; }
}

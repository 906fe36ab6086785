namespace Connectors.Mapping.Profiles;

/// <summary>
/// How a channel's prices derive from the base prices the host publishes (<c>Mapping:Channels:&lt;name&gt;:Pricing</c>).
/// Applied in this order: the item's base price (components times quantity, converted to <see cref="Currency"/>), a
/// per-SKU fixed price, the case-pack or bundle discount, the markup percent then the fixed markup, rounding, the
/// floors (minimum margin over cost, minimum advertised price), the ceiling, then the sale price and compare-at price.
/// Every setting is checked at start; an error names its path.
/// </summary>
public sealed class PricingRules
{
    /// <summary>
    /// The ISO 4217 currency the channel sells in. A component without a base price in it is converted from
    /// <see cref="ConvertFrom"/> with the host's <see cref="IExchangeRateSource"/>. <see langword="null"/> sells in
    /// every currency the host publishes (no conversion).
    /// </summary>
    public string? Currency { get; set; }

    /// <summary>The base currency converted from when a component has no price in <see cref="Currency"/>; <see langword="null"/> for the only other one published.</summary>
    public string? ConvertFrom { get; set; }

    /// <summary>Markup in percent of the (discounted) base price; negative for a markdown, above -100.</summary>
    /// <value>0.</value>
    public decimal MarkupPercent { get; set; }

    /// <summary>A fixed amount added after the percentage markup, in the channel currency (for example a marketplace fee).</summary>
    /// <value>0.</value>
    public decimal MarkupAmount { get; set; }

    /// <summary>How prices are rounded.</summary>
    public PriceRounding Rounding { get; set; } = new();

    /// <summary>
    /// A floor: the price keeps at least this margin, in percent of the price, over the item's cost
    /// (<c>cost / (1 - margin / 100)</c>, rounded up). An item whose cost is not published is not priced (dead-lettered).
    /// From 0 to below 100; <see langword="null"/> for no margin floor.
    /// </summary>
    public decimal? MinimumMarginPercent { get; set; }

    /// <summary>A ceiling: the price is at most the base price plus this percentage; <see langword="null"/> for none.</summary>
    public decimal? MaximumMarkupPercent { get; set; }

    /// <summary>Discount in percent on the sum of the components of a bundle (several SKUs); 0 to below 100.</summary>
    /// <value>0.</value>
    public decimal BundleDiscountPercent { get; set; }

    /// <summary>Discount in percent on a case pack (one SKU, several units per channel unit); 0 to below 100.</summary>
    /// <value>0.</value>
    public decimal CasePackDiscountPercent { get; set; }

    /// <summary>A sale for every item of the channel; <see langword="null"/> for none. Overrides may set their own.</summary>
    public SaleRule? Sale { get; set; }

    /// <summary>Per-SKU (or per channel item id, for bundles) settings that replace the channel's.</summary>
    public IDictionary<string, PriceOverride> Overrides { get; } = new Dictionary<string, PriceOverride>(StringComparer.Ordinal);
}

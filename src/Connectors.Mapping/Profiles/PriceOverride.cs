namespace Connectors.Mapping.Profiles;

/// <summary>Pricing of one SKU (or channel item id) that replaces the channel's rules (<c>Pricing.Overrides:&lt;sku&gt;</c>).</summary>
public sealed class PriceOverride
{
    /// <summary>A fixed price in the channel currency: replaces the base price, discounts, markup and rounding (floors and ceiling still apply).</summary>
    public decimal? Price { get; set; }

    /// <summary>Replaces <see cref="PricingRules.MarkupPercent"/>.</summary>
    public decimal? MarkupPercent { get; set; }

    /// <summary>Replaces <see cref="PricingRules.MarkupAmount"/>.</summary>
    public decimal? MarkupAmount { get; set; }

    /// <summary>The minimum advertised price (MAP) agreed with the brand: a floor for the price and the sale price, and sent to channels that keep it.</summary>
    public decimal? MinimumAdvertisedPrice { get; set; }

    /// <summary>A compare-at ("was", original retail) price shown struck through, in the channel currency.</summary>
    public decimal? CompareAtPrice { get; set; }

    /// <summary>Replaces <see cref="PricingRules.Sale"/> for this item.</summary>
    public SaleRule? Sale { get; set; }
}

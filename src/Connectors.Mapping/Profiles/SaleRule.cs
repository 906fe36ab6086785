namespace Connectors.Mapping.Profiles;

/// <summary>A sale: a discount on the regular price for a time (<c>Pricing.Sale</c>).</summary>
public sealed class SaleRule
{
    /// <summary>The discount in percent of the regular price; above 0 and below 100. Floors still apply to the sale price.</summary>
    public decimal DiscountPercent { get; set; }

    /// <summary>When the sale starts; <see langword="null"/> for at once.</summary>
    public DateTimeOffset? StartsAt { get; set; }

    /// <summary>When the sale ends; <see langword="null"/> for open-ended.</summary>
    public DateTimeOffset? EndsAt { get; set; }
}

namespace Connectors.Mapping.Profiles;

/// <summary>How a computed price is rounded (<c>Pricing.Rounding</c>).</summary>
public sealed class PriceRounding
{
    /// <summary>Round to a multiple of this amount (0.05 for Swiss francs, 1 for whole units); <see langword="null"/> for the currency's minor unit.</summary>
    public decimal? Increment { get; set; }

    /// <summary>
    /// A price ending: the price becomes the lowest amount at or above it whose fraction is this (0.99 turns 12.30 into
    /// 12.99 and 12.995 into 13.99; 0.95 gives .95 endings). From 0 to below 1; <see langword="null"/> for none.
    /// </summary>
    public decimal? Ending { get; set; }

    /// <summary>How a midpoint is rounded, for <see cref="Increment"/> and the minor unit.</summary>
    /// <value><see cref="PriceRoundingMode.AwayFromZero"/>.</value>
    public PriceRoundingMode Mode { get; set; } = PriceRoundingMode.AwayFromZero;
}

/// <summary>How a midpoint is rounded.</summary>
public enum PriceRoundingMode
{
    /// <summary>Half away from zero (commercial rounding): 2.345 to 2.35.</summary>
    AwayFromZero = 0,

    /// <summary>Half to even (banker's rounding): 2.345 to 2.34, 2.355 to 2.36.</summary>
    HalfEven,
}

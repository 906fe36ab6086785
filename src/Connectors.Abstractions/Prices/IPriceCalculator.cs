namespace Connectors;

/// <summary>
/// Derives what a channel should show for an item from the base prices of its components: the channel's pricing rules.
/// The engine's default sums the components' base prices (quantity per unit times price) per currency in which every
/// component has one; <c>Connectors.Mapping</c> replaces it with the rules of each channel's mapping profile.
/// </summary>
public interface IPriceCalculator
{
    /// <summary>Computes an item's prices.</summary>
    /// <param name="request">The item and its components' base prices.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The prices, one per currency the channel sells the item in, or the reason none can be computed.</returns>
    ValueTask<PriceCalculation> CalculateAsync(PriceCalculationRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IPriceCalculator.CalculateAsync"/> needs.</summary>
public sealed record PriceCalculationRequest
{
    /// <summary>The channel item, with its components (a case pack is one component with a quantity per unit above one).</summary>
    public required ChannelItemDefinition Item { get; init; }

    /// <summary>Every base price of the item's components, all currencies.</summary>
    public required IReadOnlyList<BasePrice> BasePrices { get; init; }

    /// <summary>
    /// Whether the channel schedules sales itself (<see cref="IPriceChannel.SupportsSaleSchedule"/>); when not, the
    /// calculator resolves a sale at <see cref="Now"/>.
    /// </summary>
    public bool SupportsSaleSchedule { get; init; }

    /// <summary>The time of the computation (sale windows, exchange rates).</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>The result of a price calculation.</summary>
public sealed record PriceCalculation
{
    /// <summary>The prices, at most one per currency; empty when <see cref="Problem"/> is set or no base price is known.</summary>
    public IReadOnlyList<CalculatedPrice> Prices { get; init; } = [];

    /// <summary>Why the item cannot be priced (a missing rate, a missing cost under a margin floor), or <see langword="null"/>.</summary>
    public string? Problem { get; init; }

    /// <summary>The rule or field the problem concerns (<c>Pricing.MinimumMarginPercent</c>), or <see langword="null"/>.</summary>
    public string? ProblemField { get; init; }

    /// <summary>
    /// The first time after <see cref="PriceCalculationRequest.Now"/> at which the same request would give other prices by
    /// time alone (a sale starting on a channel that does not schedule sales, or a sale ending), or <see langword="null"/>
    /// when none is known. The engine reprices then (<c>Connectors.Hosting</c>'s price worker wakes for it).
    /// </summary>
    public DateTimeOffset? ChangesAt { get; init; }
}

/// <summary>One computed price with the steps that produced it.</summary>
public sealed record CalculatedPrice
{
    /// <summary>The price.</summary>
    public required ChannelPrice Price { get; init; }

    /// <summary>The rules applied, in order, each with its effect (<c>markup 25% : 10.00 -> 12.50</c>), for dry runs and holds.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];
}

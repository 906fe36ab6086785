using System.Globalization;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>
/// Prices channel items by the <see cref="PricingRules"/> of each channel's mapping profile (channels without rules: the
/// sum of the components' base prices in each published currency). Every rule that changes the price adds a step, so a
/// dry run and a held change say why.
/// </summary>
internal sealed class ProfilePriceCalculator(MappingProfileStore profiles, IEnumerable<IExchangeRateSource> rateSources) : IPriceCalculator
{
    private static readonly PricingRules NoRules = new();
    private readonly IExchangeRateSource? _rates = rateSources.LastOrDefault();

    public async ValueTask<PriceCalculation> CalculateAsync(PriceCalculationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = request.Item;
        var rules = profiles.Find(item.Channel)?.Profile.Pricing ?? NoRules;
        var (overrideKey, overrides) = FindOverride(rules, item);
        var currencies = rules.Currency is { } sold
            ? [sold]
            : request.BasePrices.Select(p => p.Price.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var prices = new List<CalculatedPrice>();
        foreach (var currency in currencies)
        {
            var steps = new List<string>();
            var (found, basePrice, cost, problem) = await BaseAsync(request, rules, currency, steps, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                return Problem(problem, "Pricing.Currency");
            }

            if (!found)
            {
                continue;
            }

            var result = Price(request, rules, overrideKey, overrides, currency, basePrice, cost, steps);
            if (result.Problem is not null)
            {
                return result.Problem;
            }

            prices.Add(new CalculatedPrice { Price = result.Price!, Steps = steps });
        }

        return new PriceCalculation { Prices = prices, ChangesAt = prices.Count == 0 ? null : ChangesAt(overrides?.Sale ?? rules.Sale, request) };
    }

    /// <summary>
    /// When the sale changes what this calculator gives: its start on a channel that does not schedule sales (the
    /// engine resolves the sale then), and its end on every channel (the sale is left out from then on).
    /// </summary>
    private static DateTimeOffset? ChangesAt(SaleRule? sale, PriceCalculationRequest request)
    {
        if (sale is null)
        {
            return null;
        }

        if (!request.SupportsSaleSchedule && sale.StartsAt is { } start && start > request.Now)
        {
            return start;
        }

        return sale.EndsAt is { } end && end > request.Now ? end : null;
    }

    private static (string? Key, PriceOverride? Value) FindOverride(PricingRules rules, ChannelItemDefinition item)
    {
        if (rules.Overrides.Count == 0)
        {
            return (null, null);
        }

        if (rules.Overrides.TryGetValue(item.ChannelItemId, out var byItem))
        {
            return (item.ChannelItemId, byItem);
        }

        return item.Components.Count == 1 && rules.Overrides.TryGetValue(item.Components[0].Sku, out var bySku) ? (item.Components[0].Sku, bySku) : (null, null);
    }

    /// <summary>The item's base price in <paramref name="currency"/>: components times quantity, converted where the rules sell in another currency.</summary>
    private async ValueTask<(bool Found, decimal Base, decimal? Cost, string? Problem)> BaseAsync(
        PriceCalculationRequest request, PricingRules rules, string currency, List<string> steps, CancellationToken cancellationToken)
    {
        var total = 0m;
        decimal? cost = 0m;
        var parts = new List<string>();
        foreach (var component in request.Item.Components)
        {
            var published = request.BasePrices.Where(p => string.Equals(p.Sku, component.Sku, StringComparison.Ordinal)).ToArray();
            var price = published.FirstOrDefault(p => string.Equals(p.Price.Currency, currency, StringComparison.Ordinal));
            decimal amount;
            decimal? unitCost;
            if (price is not null)
            {
                amount = price.Price.Amount;
                unitCost = price.Cost?.Amount;
            }
            else if (rules.Currency is null || published.Length == 0)
            {
                return (false, 0m, null, null);
            }
            else
            {
                var from = rules.ConvertFrom is { } configured
                    ? published.FirstOrDefault(p => string.Equals(p.Price.Currency, configured, StringComparison.Ordinal))
                    : published.Length == 1 ? published[0] : null;
                if (from is null)
                {
                    var have = string.Join(", ", published.Select(p => p.Price.Currency));
                    return (false, 0m, null, rules.ConvertFrom is null
                        ? $"SKU {component.Sku} has no {currency} price and several to convert from ({have}); set Pricing.ConvertFrom."
                        : $"SKU {component.Sku} has no {currency} price and no {rules.ConvertFrom} price to convert from (has {have}).");
                }

                if (_rates is null)
                {
                    return (false, 0m, null, $"SKU {component.Sku} needs converting from {from.Price.Currency} to {currency} but no IExchangeRateSource is registered.");
                }

                var rate = await _rates.GetRateAsync(from.Price.Currency, currency, request.Now, cancellationToken).ConfigureAwait(false);
                if (rate is not > 0m)
                {
                    return (false, 0m, null, $"the rate source has no {from.Price.Currency}->{currency} rate for SKU {component.Sku}.");
                }

                amount = from.Price.Amount * rate.Value;
                unitCost = from.Cost?.Amount * rate.Value;
                steps.Add(Text($"convert {component.Sku} {Format(from.Price.Amount, from.Price.Currency)} at {rate.Value} = {amount} {currency}"));
            }

            total += amount * component.QuantityPerUnit;
            cost = cost is { } c && unitCost is { } u ? c + (u * component.QuantityPerUnit) : null;
            parts.Add(component.QuantityPerUnit == 1m ? $"{component.Sku} {amount.ToString(CultureInfo.InvariantCulture)}" : Text($"{component.QuantityPerUnit} x {component.Sku} {amount}"));
        }

        steps.Add(request.Item.IsSimple
            ? $"base price {Format(total, currency)}"
            : $"{(request.Item.Components.Count == 1 ? "case pack" : "bundle")} {string.Join(" + ", parts)} = {Format(total, currency)}");
        return (true, total, cost, null);
    }

    private static (ChannelPrice? Price, PriceCalculation? Problem) Price(
        PriceCalculationRequest request, PricingRules rules, string? overrideKey, PriceOverride? overrides, string currency, decimal basePrice, decimal? cost, List<string> steps)
    {
        var rounding = rules.Rounding ?? new PriceRounding();
        var minor = Money.MinorUnitsOf(currency);
        decimal price;
        if (overrides?.Price is { } fixedPrice)
        {
            price = RoundMinor(fixedPrice, minor, rounding.Mode);
            steps.Add($"fixed price {Format(price, currency)} (override {overrideKey})");
        }
        else
        {
            price = basePrice;
            var item = request.Item;
            var discount = item.Components.Count > 1 ? rules.BundleDiscountPercent : item.IsSimple ? 0m : rules.CasePackDiscountPercent;
            if (discount > 0m)
            {
                var discounted = price * (100m - discount) / 100m;
                steps.Add(Text($"{(item.Components.Count > 1 ? "bundle" : "case pack")} discount {discount} %: {Format(price, currency)} -> {Format(discounted, currency)}"));
                price = discounted;
            }

            var markup = overrides?.MarkupPercent ?? rules.MarkupPercent;
            if (markup != 0m)
            {
                var marked = price * (100m + markup) / 100m;
                steps.Add(Text($"markup {markup} %: {Format(price, currency)} -> {Format(marked, currency)}"));
                price = marked;
            }

            var amount = overrides?.MarkupAmount ?? rules.MarkupAmount;
            if (amount != 0m)
            {
                steps.Add(Text($"markup {Format(amount, currency)}: {Format(price, currency)} -> {Format(price + amount, currency)}"));
                price += amount;
            }

            var rounded = Round(price, rounding, minor, currency, steps, out var roundingProblem);
            if (roundingProblem is not null)
            {
                return (null, Problem(roundingProblem, "Pricing.Rounding.Ending"));
            }

            price = rounded;
        }

        if (price < 0m)
        {
            return (null, Problem($"the price comes out below zero ({Format(price, currency)}).", "Pricing.MarkupAmount"));
        }

        var floor = 0m;
        if (rules.MinimumMarginPercent is { } margin)
        {
            if (cost is not { } unitCost)
            {
                return (null, Problem($"no cost is published for every component of item {request.Item.ChannelItemId}, which the minimum margin needs.", "Pricing.MinimumMarginPercent"));
            }

            floor = CeilingMinor(unitCost / ((100m - margin) / 100m), minor);
            if (price < floor)
            {
                steps.Add(Text($"minimum margin {margin} % over cost {Format(unitCost, currency)}: {Format(price, currency)} -> {Format(floor, currency)}"));
                price = floor;
            }
        }

        var map = overrides?.MinimumAdvertisedPrice is { } advertised ? RoundMinor(advertised, minor, rounding.Mode) : (decimal?)null;
        if (map is { } minimum)
        {
            floor = Math.Max(floor, minimum);
            if (price < minimum)
            {
                steps.Add($"minimum advertised price: {Format(price, currency)} -> {Format(minimum, currency)}");
                price = minimum;
            }
        }

        if (rules.MaximumMarkupPercent is { } ceilingPercent)
        {
            var ceiling = FloorMinor(basePrice * (100m + ceilingPercent) / 100m, minor);
            if (ceiling < floor)
            {
                return (null, Problem($"the ceiling {Format(ceiling, currency)} (base {Format(basePrice, currency)} + {ceilingPercent.ToString(CultureInfo.InvariantCulture)} %) is below the floor {Format(floor, currency)}.", "Pricing.MaximumMarkupPercent"));
            }

            if (price > ceiling)
            {
                steps.Add(Text($"ceiling base + {ceilingPercent} %: {Format(price, currency)} -> {Format(ceiling, currency)}"));
                price = ceiling;
            }
        }

        var result = new ChannelPrice
        {
            Amount = new Money(price, currency),
            MinimumAdvertised = map is { } m ? new Money(m, currency) : null,
        };
        result = ApplySale(request, rules, overrides, result, floor, rounding, minor, steps);
        if (result.CompareAt is null && overrides?.CompareAtPrice is { } compareAt)
        {
            var was = RoundMinor(compareAt, minor, rounding.Mode);
            if (was > result.Amount.Amount)
            {
                result = result with { CompareAt = new Money(was, currency) };
                steps.Add($"compare-at price {Format(was, currency)} (override {overrideKey})");
            }
            else
            {
                steps.Add($"compare-at price {Format(was, currency)} ignored: not above the price");
            }
        }

        return (result, null);
    }

    private static ChannelPrice ApplySale(
        PriceCalculationRequest request, PricingRules rules, PriceOverride? overrides, ChannelPrice regular, decimal floor, PriceRounding rounding, int minor, List<string> steps)
    {
        if ((overrides?.Sale ?? rules.Sale) is not { } sale)
        {
            return regular;
        }

        var currency = regular.Currency;
        var price = regular.Amount.Amount;
        if (sale.EndsAt is { } end && end <= request.Now)
        {
            steps.Add($"sale ended {end:O}");
            return regular;
        }

        var discounted = price * (100m - sale.DiscountPercent) / 100m;
        var salePrice = Round(discounted, rounding, minor, currency, [], out _);
        if (salePrice < floor)
        {
            salePrice = floor;
        }

        if (salePrice >= price)
        {
            steps.Add(Text($"sale {sale.DiscountPercent} % left out: {Format(salePrice, currency)} is not below the price after rounding and floors"));
            return regular;
        }

        if (request.SupportsSaleSchedule)
        {
            steps.Add(Text($"sale {sale.DiscountPercent} %: {Format(salePrice, currency)} from {Time(sale.StartsAt)} to {Time(sale.EndsAt)}"));
            return regular with { Sale = new Money(salePrice, currency), SaleStartsAt = sale.StartsAt, SaleEndsAt = sale.EndsAt };
        }

        if (sale.StartsAt is { } start && start > request.Now)
        {
            steps.Add($"sale starts {start:O}; the channel does not schedule sales, so reprice then");
            return regular;
        }

        steps.Add(Text($"sale {sale.DiscountPercent} % active: price {Format(salePrice, currency)}, compare-at {Format(price, currency)}{(sale.EndsAt is { } until ? $"; the channel does not schedule sales, so reprice at {until:O}" : string.Empty)}"));
        return regular with { Amount = new Money(salePrice, currency), CompareAt = regular.Amount };
    }

    private static decimal Round(decimal price, PriceRounding rounding, int minor, string currency, List<string> steps, out string? problem)
    {
        problem = null;
        var mode = rounding.Mode == PriceRoundingMode.HalfEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero;
        if (rounding.Increment is { } increment)
        {
            var rounded = decimal.Round(price / increment, 0, mode) * increment;
            if (rounded != price)
            {
                steps.Add(Text($"rounded to {increment} ({rounding.Mode}): {Format(price, currency)} -> {Format(rounded, currency)}"));
            }

            price = rounded;
        }

        if (rounding.Ending is { } ending)
        {
            if (decimal.Round(ending, minor) != ending)
            {
                problem = Text($"the ending {ending} has more decimals than {currency}'s minor unit ({minor}).");
                return price;
            }

            var ended = decimal.Floor(price) + ending;
            if (ended < price)
            {
                ended += 1m;
            }

            if (ended != price)
            {
                steps.Add(Text($"ending .{ending.ToString(CultureInfo.InvariantCulture).Split('.').ElementAtOrDefault(1)}: {Format(price, currency)} -> {Format(ended, currency)}"));
            }

            price = ended;
        }

        var minorRounded = decimal.Round(price, minor, mode);
        if (minorRounded != price)
        {
            steps.Add($"rounded to the minor unit ({rounding.Mode}): {price.ToString(CultureInfo.InvariantCulture)} -> {Format(minorRounded, currency)}");
        }

        return minorRounded;
    }

    private static decimal RoundMinor(decimal value, int minor, PriceRoundingMode mode) =>
        decimal.Round(value, minor, mode == PriceRoundingMode.HalfEven ? MidpointRounding.ToEven : MidpointRounding.AwayFromZero);

    private static decimal CeilingMinor(decimal value, int minor) => decimal.Round(value, minor, MidpointRounding.ToPositiveInfinity);

    private static decimal FloorMinor(decimal value, int minor) => decimal.Round(value, minor, MidpointRounding.ToNegativeInfinity);

    private static string Format(decimal amount, string currency)
    {
        var minor = Money.MinorUnitsOf(currency);
        var shown = decimal.Round(amount, minor) == amount ? amount.ToString("F" + minor.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : amount.ToString(CultureInfo.InvariantCulture);
        return shown + " " + currency;
    }

    private static string Time(DateTimeOffset? time) => time is { } t ? t.ToString("O", CultureInfo.InvariantCulture) : "open";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static PriceCalculation Problem(string problem, string field) => new() { Problem = problem, ProblemField = field };
}

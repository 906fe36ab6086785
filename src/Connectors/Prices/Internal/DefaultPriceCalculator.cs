using System.Globalization;

namespace Connectors.Prices.Internal;

/// <summary>
/// The pricing used when no rules are configured: an item's price in a currency is the sum of its components' base
/// prices times their quantity per unit, rounded to the currency's minor unit (half away from zero), in every currency
/// in which each component has a base price.
/// </summary>
internal sealed class DefaultPriceCalculator : IPriceCalculator
{
    public ValueTask<PriceCalculation> CalculateAsync(PriceCalculationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prices = new List<CalculatedPrice>();
        foreach (var currency in request.BasePrices.Select(p => p.Price.Currency).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var total = 0m;
            var complete = true;
            foreach (var component in request.Item.Components)
            {
                var price = request.BasePrices.FirstOrDefault(p =>
                    string.Equals(p.Sku, component.Sku, StringComparison.Ordinal) && string.Equals(p.Price.Currency, currency, StringComparison.Ordinal));
                if (price is null)
                {
                    complete = false;
                    break;
                }

                total += price.Price.Amount * component.QuantityPerUnit;
            }

            if (complete)
            {
                var amount = new Money(total, currency).RoundToMinorUnit();
                prices.Add(new CalculatedPrice
                {
                    Price = new ChannelPrice { Amount = amount },
                    Steps = [request.Item.IsSimple ? $"base price {Text(amount)}" : $"sum of components {Text(amount)}"],
                });
            }
        }

        return ValueTask.FromResult(new PriceCalculation { Prices = prices });
    }

    /// <summary>An amount as a person reads it: with the currency's minor-unit digits (11.00 EUR, 1200 JPY).</summary>
    internal static string Text(Money money) =>
        money.Amount.ToString("F" + money.MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + money.Currency;
}

using System.Globalization;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>Checks a profile's <see cref="PricingRules"/> at start; each problem names its path and what would be valid.</summary>
internal static class PricingValidator
{
    private const string Rule = "Pricing";

    public static void Validate(PricingRules? rules, string path, List<ValidationError> errors)
    {
        if (rules is null)
        {
            return;
        }

        var at = $"{path}:Pricing";
        Currency(errors, $"{at}.Currency", rules.Currency);
        Currency(errors, $"{at}.ConvertFrom", rules.ConvertFrom);
        if (rules.ConvertFrom is not null && rules.Currency is null)
        {
            Add(errors, $"{at}.ConvertFrom", "is set but Currency is not; name the currency the channel sells in.");
        }

        Markup(errors, $"{at}.MarkupPercent", rules.MarkupPercent);
        var rounding = rules.Rounding ?? new PriceRounding();
        if (rounding.Increment is { } increment && increment <= 0m)
        {
            Add(errors, $"{at}.Rounding.Increment", Text($"is {increment}; it must be greater than 0 (for example 0.05)."));
        }

        if (rounding.Ending is { } ending && ending is < 0m or >= 1m)
        {
            Add(errors, $"{at}.Rounding.Ending", Text($"is {ending}; it must be from 0 to below 1 (for example 0.99 or 0.95)."));
        }

        if (!Enum.IsDefined(rounding.Mode))
        {
            Add(errors, $"{at}.Rounding.Mode", $"is {rounding.Mode}; use AwayFromZero or HalfEven.");
        }

        if (rules.MinimumMarginPercent is { } margin && margin is < 0m or >= 100m)
        {
            Add(errors, $"{at}.MinimumMarginPercent", Text($"is {margin}; it must be from 0 to below 100 (percent of the price)."));
        }

        if (rules.MaximumMarkupPercent is { } ceiling && ceiling < 0m)
        {
            Add(errors, $"{at}.MaximumMarkupPercent", Text($"is {ceiling}; it must not be negative."));
        }

        if (rules.MaximumMarkupPercent is { } max && rules.MarkupPercent > max)
        {
            Add(errors, $"{at}.MaximumMarkupPercent", Text($"is {max}, below MarkupPercent {rules.MarkupPercent}; every price would hit the ceiling."));
        }

        Discount(errors, $"{at}.BundleDiscountPercent", rules.BundleDiscountPercent);
        Discount(errors, $"{at}.CasePackDiscountPercent", rules.CasePackDiscountPercent);
        Sale(errors, $"{at}.Sale", rules.Sale);
        foreach (var (key, value) in rules.Overrides)
        {
            var where = $"{at}.Overrides:{key}";
            if (string.IsNullOrWhiteSpace(key))
            {
                Add(errors, where, "has an empty key; name the SKU or channel item id.");
            }

            if (value is null)
            {
                Add(errors, where, "is empty.");
                continue;
            }

            NotNegative(errors, $"{where}.Price", value.Price);
            NotNegative(errors, $"{where}.MinimumAdvertisedPrice", value.MinimumAdvertisedPrice);
            NotNegative(errors, $"{where}.CompareAtPrice", value.CompareAtPrice);
            if (value.MarkupPercent is { } percent)
            {
                Markup(errors, $"{where}.MarkupPercent", percent);
            }

            Sale(errors, $"{where}.Sale", value.Sale);
        }
    }

    private static void Currency(List<ValidationError> errors, string at, string? currency)
    {
        if (currency is not null && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            Add(errors, at, $"is '{currency}'; it must be a three-letter upper-case ISO 4217 code such as EUR.");
        }
    }

    private static void Markup(List<ValidationError> errors, string at, decimal percent)
    {
        if (percent is <= -100m or > 10_000m)
        {
            Add(errors, at, Text($"is {percent}; it must be above -100 and at most 10000."));
        }
    }

    private static void Discount(List<ValidationError> errors, string at, decimal percent)
    {
        if (percent is < 0m or >= 100m)
        {
            Add(errors, at, Text($"is {percent}; it must be from 0 to below 100."));
        }
    }

    private static void NotNegative(List<ValidationError> errors, string at, decimal? value)
    {
        if (value is < 0m)
        {
            Add(errors, at, Text($"is {value}; it must not be negative."));
        }
    }

    private static void Sale(List<ValidationError> errors, string at, SaleRule? sale)
    {
        if (sale is null)
        {
            return;
        }

        if (sale.DiscountPercent is <= 0m or >= 100m)
        {
            Add(errors, $"{at}.DiscountPercent", Text($"is {sale.DiscountPercent}; it must be above 0 and below 100."));
        }

        if (sale.StartsAt is { } from && sale.EndsAt is { } to && to <= from)
        {
            Add(errors, $"{at}.EndsAt", Text($"({to:O}) must be after StartsAt ({from:O})."));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<ValidationError> errors, string at, string message) =>
        errors.Add(new ValidationError(at, $"(rule '{Rule}') {message}"));
}

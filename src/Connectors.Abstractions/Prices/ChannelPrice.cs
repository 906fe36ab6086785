using System.Globalization;
using System.Text;

namespace Connectors;

/// <summary>
/// What a channel should show for one item in one currency: the regular price, optionally a compare-at ("was")
/// price, a sale price with its start and end, and the minimum advertised price. Amounts are exact to the currency's
/// minor unit (ISO 4217), and every amount is in the same currency.
/// </summary>
/// <remarks>
/// Shapes the platforms' price fields: Shopify's <c>price</c>/<c>compareAtPrice</c>, WooCommerce's
/// <c>regular_price</c>/<c>sale_price</c> with <c>date_on_sale_from</c>/<c>date_on_sale_to</c>, eBay's offer
/// <c>price</c>, <c>originalRetailPrice</c> and <c>minimumAdvertisedPrice</c>, Amazon's <c>our_price</c> with a
/// scheduled <c>discounted_price</c> and <c>minimum_seller_allowed_price</c>, and Etsy's offering <c>price</c>.
/// </remarks>
public sealed record ChannelPrice
{
    private readonly Money _amount;
    private readonly Money? _compareAt;
    private readonly Money? _sale;
    private readonly Money? _minimumAdvertised;

    /// <summary>The regular selling price.</summary>
    /// <exception cref="ConnectorValidationException">The amount is negative or finer than the currency's minor unit.</exception>
    public required Money Amount
    {
        get => _amount;
        init => _amount = Exact(value, nameof(Amount));
    }

    /// <summary>The compare-at ("was", original retail) price shown struck through, or <see langword="null"/>.</summary>
    public Money? CompareAt
    {
        get => _compareAt;
        init => _compareAt = value is { } v ? Exact(v, nameof(CompareAt)) : null;
    }

    /// <summary>The sale price, valid from <see cref="SaleStartsAt"/> to <see cref="SaleEndsAt"/>, or <see langword="null"/>.</summary>
    public Money? Sale
    {
        get => _sale;
        init => _sale = value is { } v ? Exact(v, nameof(Sale)) : null;
    }

    /// <summary>When the sale price starts; <see langword="null"/> for at once.</summary>
    public DateTimeOffset? SaleStartsAt { get; init; }

    /// <summary>When the sale price ends; <see langword="null"/> for open-ended.</summary>
    public DateTimeOffset? SaleEndsAt { get; init; }

    /// <summary>The minimum advertised price (MAP) agreed with the brand, for channels that keep it, or <see langword="null"/>.</summary>
    public Money? MinimumAdvertised
    {
        get => _minimumAdvertised;
        init => _minimumAdvertised = value is { } v ? Exact(v, nameof(MinimumAdvertised)) : null;
    }

    /// <summary>The currency of every amount.</summary>
    public string Currency => Amount.Currency;

    /// <summary>
    /// The canonical text form stores keep (invariant culture, amounts with exactly the currency's minor-unit digits,
    /// times as UTC ticks), so two equal prices always have the same text and a store can compare desired with
    /// acknowledged as text. Read back with <see cref="Parse"/>.
    /// </summary>
    /// <returns>The text, for example <c>EUR;19.99;cmp=24.99;sale=14.99;from=638...;to=638...</c>.</returns>
    /// <exception cref="ConnectorValidationException">An amount is in another currency than <see cref="Amount"/>, or the sale ends before it starts.</exception>
    public string ToInvariantString()
    {
        Validate();
        var digits = Amount.MinorUnits;
        var text = new StringBuilder();
        text.Append(Amount.Currency).Append(';').Append(Format(Amount.Amount, digits));
        Append(text, "cmp", CompareAt, digits);
        Append(text, "sale", Sale, digits);
        if (SaleStartsAt is { } from)
        {
            text.Append(";from=").Append(from.UtcTicks.ToString(CultureInfo.InvariantCulture));
        }

        if (SaleEndsAt is { } to)
        {
            text.Append(";to=").Append(to.UtcTicks.ToString(CultureInfo.InvariantCulture));
        }

        Append(text, "map", MinimumAdvertised, digits);
        return text.ToString();
    }

    /// <summary>Reads the text <see cref="ToInvariantString"/> wrote.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The price.</returns>
    /// <exception cref="ConnectorValidationException">The text is not in that form.</exception>
    public static ChannelPrice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(';');
        if (parts.Length < 2)
        {
            throw new ConnectorValidationException(nameof(text), $"'{text}' is not a stored channel price (expected CURRENCY;AMOUNT[;name=value...]).");
        }

        var currency = parts[0];
        var price = new ChannelPrice { Amount = new Money(ParseAmount(parts[1], text), currency) };
        for (var i = 2; i < parts.Length; i++)
        {
            var split = parts[i].IndexOf('=', StringComparison.Ordinal);
            var name = split < 0 ? parts[i] : parts[i][..split];
            var value = split < 0 ? string.Empty : parts[i][(split + 1)..];
            price = name switch
            {
                "cmp" => price with { CompareAt = new Money(ParseAmount(value, text), currency) },
                "sale" => price with { Sale = new Money(ParseAmount(value, text), currency) },
                "from" => price with { SaleStartsAt = new DateTimeOffset(ParseTicks(value, text), TimeSpan.Zero) },
                "to" => price with { SaleEndsAt = new DateTimeOffset(ParseTicks(value, text), TimeSpan.Zero) },
                "map" => price with { MinimumAdvertised = new Money(ParseAmount(value, text), currency) },
                _ => throw new ConnectorValidationException(nameof(text), $"'{text}' has an unknown part '{name}'."),
            };
        }

        price.Validate();
        return price;
    }

    /// <summary>The price a buyer pays at <paramref name="at"/>: the sale price within its window, otherwise the regular price.</summary>
    /// <param name="at">The time.</param>
    /// <returns>The effective amount.</returns>
    public Money EffectiveAt(DateTimeOffset at) =>
        Sale is { } sale && (SaleStartsAt is not { } from || from <= at) && (SaleEndsAt is not { } to || at < to) ? sale : Amount;

    /// <inheritdoc />
    public override string ToString() => ToInvariantString();

    private void Validate()
    {
        foreach (var (money, field) in new[] { (CompareAt, nameof(CompareAt)), (Sale, nameof(Sale)), (MinimumAdvertised, nameof(MinimumAdvertised)) })
        {
            if (money is { } m && !string.Equals(m.Currency, Amount.Currency, StringComparison.Ordinal))
            {
                throw new ConnectorValidationException(field, $"is in {m.Currency} but the price is in {Amount.Currency}.");
            }
        }

        if (SaleStartsAt is { } from && SaleEndsAt is { } to && to <= from)
        {
            throw new ConnectorValidationException(nameof(SaleEndsAt), $"({to:O}) must be after {nameof(SaleStartsAt)} ({from:O}).");
        }
    }

    private static Money Exact(Money value, string field)
    {
        if (value.Currency is null)
        {
            throw new ConnectorValidationException(field, "has no currency.");
        }

        if (value.Amount < 0m)
        {
            throw new ConnectorValidationException(field, $"must not be negative (was {value}).");
        }

        if (decimal.Round(value.Amount, value.MinorUnits) != value.Amount)
        {
            throw new ConnectorValidationException(field, $"({value}) has more decimals than {value.Currency}'s minor unit ({value.MinorUnits}); round it first.");
        }

        return value;
    }

    private static void Append(StringBuilder text, string name, Money? money, int digits)
    {
        if (money is { } m)
        {
            text.Append(';').Append(name).Append('=').Append(Format(m.Amount, digits));
        }
    }

    private static string Format(decimal amount, int digits) => amount.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal ParseAmount(string value, string text) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new ConnectorValidationException(nameof(text), $"'{text}' has an amount that is not a number: '{value}'.");

    private static long ParseTicks(string value, string text) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : throw new ConnectorValidationException(nameof(text), $"'{text}' has a time that is not UTC ticks: '{value}'.");
}

using System.Globalization;

namespace Connectors;

/// <summary>An amount of money in one ISO 4217 currency. Amounts are <see cref="decimal"/>, never floating point.</summary>
public readonly record struct Money
{
    /// <summary>Creates an amount in a currency.</summary>
    /// <param name="amount">The amount; may be negative (refunds, discounts).</param>
    /// <param name="currency">A three-letter ISO 4217 code such as <c>EUR</c>; case is normalised to upper.</param>
    /// <exception cref="ConnectorValidationException">The currency is not three ASCII letters.</exception>
    public Money(decimal amount, string currency)
    {
        Amount = amount;
        Currency = NormaliseCurrency(currency, nameof(Currency));
    }

    /// <summary>The amount.</summary>
    public decimal Amount { get; }

    /// <summary>The three-letter upper-case ISO 4217 currency code.</summary>
    public string Currency { get; }

    /// <summary>A zero amount in a currency.</summary>
    /// <param name="currency">The ISO 4217 code.</param>
    /// <returns>Zero in <paramref name="currency"/>.</returns>
    public static Money Zero(string currency) => new(0m, currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ConnectorValidationException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount + right.Amount, left.Currency);
    }

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ConnectorValidationException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(left.Amount - right.Amount, left.Currency);
    }

    /// <summary>Multiplies an amount by a quantity.</summary>
    /// <param name="money">The unit amount.</param>
    /// <param name="quantity">The quantity.</param>
    /// <returns>The product in the same currency.</returns>
    public static Money operator *(Money money, decimal quantity) => new(money.Amount * quantity, money.Currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>The sum.</returns>
    public Money Add(Money other) => this + other;

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="other">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    public Money Subtract(Money other) => this - other;

    /// <summary>Multiplies by a quantity.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns>The product.</returns>
    public Money Multiply(decimal quantity) => this * quantity;

    /// <summary>Sums amounts that must share one currency.</summary>
    /// <param name="amounts">The amounts.</param>
    /// <param name="currency">The currency of the result, used when <paramref name="amounts"/> is empty.</param>
    /// <returns>The total.</returns>
    /// <exception cref="ConnectorValidationException">An amount is in another currency; the field path names its index.</exception>
    public static Money Sum(IEnumerable<Money> amounts, string currency)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero(currency);
        var index = 0;
        foreach (var amount in amounts)
        {
            if (!string.Equals(amount.Currency, total.Currency, StringComparison.Ordinal))
            {
                throw new ConnectorValidationException(
                    $"[{index}].Currency",
                    $"is {amount.Currency} but the total is in {total.Currency}; amounts in different currencies cannot be added.");
            }

            total = new Money(total.Amount + amount.Amount, total.Currency);
            index++;
        }

        return total;
    }

    /// <summary>
    /// The number of decimals of <see cref="Currency"/>'s minor unit (ISO 4217): 2 for EUR and USD, 0 for JPY and KRW,
    /// 3 for KWD, BHD and OMR, 4 for CLF.
    /// </summary>
    public int MinorUnits => MinorUnitsOf(Currency);

    /// <summary>The number of decimals of a currency's minor unit (ISO 4217); 2 for a currency the table does not list.</summary>
    /// <param name="currency">A three-letter ISO 4217 code.</param>
    /// <returns>0 to 4.</returns>
    public static int MinorUnitsOf(string currency) => NormaliseCurrency(currency, nameof(Currency)) switch
    {
        "BIF" or "CLP" or "DJF" or "GNF" or "ISK" or "JPY" or "KMF" or "KRW" or "PYG" or "RWF" or "UGX" or "UYI" or "VND" or "VUV" or "XAF" or "XOF" or "XPF" => 0,
        "BHD" or "IQD" or "JOD" or "KWD" or "LYD" or "OMR" or "TND" => 3,
        "CLF" or "UYW" => 4,
        _ => 2,
    };

    /// <summary>
    /// This amount rounded to the currency's minor unit (half away from zero), for example a unit price of
    /// 10.00 / 3 = 3.3333… EUR as 3.33 EUR, or 1000 / 3 JPY as 333 JPY.
    /// </summary>
    /// <returns>The rounded amount in the same currency.</returns>
    public Money RoundToMinorUnit() => new(decimal.Round(Amount, MinorUnits, MidpointRounding.AwayFromZero), Currency);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");

    internal static string NormaliseCurrency(string? currency, string field)
    {
        if (currency is null || currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new ConnectorValidationException(field, $"must be a three-letter ISO 4217 code (was '{currency}').");
        }

        return currency.ToUpperInvariant();
    }

    private static void EnsureSameCurrency(Money left, Money right)
    {
        if (!string.Equals(left.Currency, right.Currency, StringComparison.Ordinal))
        {
            throw new ConnectorValidationException(
                nameof(Currency),
                $"mixes {left.Currency} and {right.Currency}; amounts in different currencies cannot be combined.");
        }
    }
}

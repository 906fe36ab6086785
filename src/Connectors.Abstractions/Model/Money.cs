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

namespace Connectors.Abstractions.Tests.Model;

public class MoneyTests
{
    [Fact]
    public void Add_SameCurrency_SumsAmounts()
    {
        var sum = new Money(1.10m, "EUR") + new Money(2.25m, "eur");

        Assert.Equal(new Money(3.35m, "EUR"), sum);
    }

    [Fact]
    public void Add_MixedCurrencies_ThrowsNamingCurrency()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new Money(1m, "EUR") + new Money(1m, "USD"));

        Assert.Equal("Currency", error.FieldPath);
        Assert.Contains("EUR", error.Message, StringComparison.Ordinal);
        Assert.Contains("USD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData("")]
    public void Constructor_InvalidCurrency_Throws(string currency)
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new Money(1m, currency));

        Assert.Equal("Currency", error.FieldPath);
    }

    [Fact]
    public void Sum_MixedCurrencies_NamesTheOffendingIndex()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => Money.Sum([new Money(1m, "EUR"), new Money(2m, "EUR"), new Money(3m, "GBP")], "EUR"));

        Assert.Equal("[2].Currency", error.FieldPath);
    }

    [Fact]
    public void Multiply_KeepsDecimalPrecision()
    {
        Assert.Equal(new Money(0.30m, "EUR"), new Money(0.10m, "EUR") * 3);
        Assert.Equal(0.3m, (new Money(0.1m, "EUR") + new Money(0.2m, "EUR")).Amount);
    }
}

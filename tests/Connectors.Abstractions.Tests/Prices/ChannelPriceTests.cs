namespace Connectors.Abstractions.Tests.Prices;

public sealed class ChannelPriceTests
{
    private static readonly DateTimeOffset From = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToInvariantString_EqualPricesWithDifferentScale_SameTextAndRoundTrips()
    {
        var a = new ChannelPrice { Amount = new Money(10.0m, "EUR"), Sale = new Money(8m, "EUR"), SaleStartsAt = From, SaleEndsAt = From.AddDays(7), MinimumAdvertised = new Money(7.5m, "EUR") };
        var b = a with { Amount = new Money(10.00m, "EUR") };

        Assert.Equal(a, b);
        Assert.Equal(a.ToInvariantString(), b.ToInvariantString());
        Assert.Equal(a, ChannelPrice.Parse(a.ToInvariantString()));
        Assert.StartsWith("EUR;10.00;sale=8.00;from=", a.ToInvariantString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Amount_FinerThanTheMinorUnitOrNegative_Refused()
    {
        Assert.Equal("Amount", Assert.Throws<ConnectorValidationException>(() => new ChannelPrice { Amount = new Money(10.005m, "EUR") }).Errors[0].FieldPath);
        Assert.Throws<ConnectorValidationException>(() => new ChannelPrice { Amount = new Money(100.5m, "JPY") });
        Assert.Throws<ConnectorValidationException>(() => new ChannelPrice { Amount = new Money(-1m, "EUR") });
        Assert.Equal("KWD;1.234", new ChannelPrice { Amount = new Money(1.234m, "KWD") }.ToInvariantString());
    }

    [Fact]
    public void ToInvariantString_MixedCurrenciesOrSaleEndingBeforeItStarts_Refused()
    {
        var mixed = new ChannelPrice { Amount = new Money(10m, "EUR"), CompareAt = new Money(12m, "USD") };
        var backwards = new ChannelPrice { Amount = new Money(10m, "EUR"), Sale = new Money(8m, "EUR"), SaleStartsAt = From, SaleEndsAt = From };

        Assert.Equal("CompareAt", Assert.Throws<ConnectorValidationException>(() => mixed.ToInvariantString()).Errors[0].FieldPath);
        Assert.Equal("SaleEndsAt", Assert.Throws<ConnectorValidationException>(() => backwards.ToInvariantString()).Errors[0].FieldPath);
        Assert.Throws<ConnectorValidationException>(() => ChannelPrice.Parse("EUR;10.00;bogus=1"));
    }

    [Fact]
    public void EffectiveAt_InsideTheSaleWindow_IsTheSalePrice()
    {
        var price = new ChannelPrice { Amount = new Money(10m, "EUR"), Sale = new Money(8m, "EUR"), SaleStartsAt = From, SaleEndsAt = From.AddDays(7) };

        Assert.Equal(10m, price.EffectiveAt(From.AddTicks(-1)).Amount);
        Assert.Equal(8m, price.EffectiveAt(From).Amount);
        Assert.Equal(10m, price.EffectiveAt(From.AddDays(7)).Amount);
    }
}

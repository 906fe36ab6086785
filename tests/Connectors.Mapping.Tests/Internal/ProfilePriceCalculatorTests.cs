using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

/// <summary>Issue 20 (prices): one test per pricing rule kind, each checking the price and the step that explains it.</summary>
public sealed class ProfilePriceCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ChannelItemDefinition Simple(string sku) => new(Channel, sku, [new ItemComponent(sku, 1m)]);

    private static BasePrice Base(string sku, decimal amount, string currency = "EUR", decimal? cost = null) =>
        new() { Sku = sku, Price = new Money(amount, currency), Cost = cost is { } c ? new Money(c, currency) : null };

    private static async Task<PriceCalculation> CalculateAsync(
        Action<PricingRules> rules, ChannelItemDefinition item, BasePrice[] prices, bool schedules = true, IExchangeRateSource? rates = null, DateTimeOffset? now = null)
    {
        var store = Store(p =>
        {
            p.Pricing = new PricingRules();
            rules(p.Pricing);
        });
        var calculator = new ProfilePriceCalculator(store, rates is null ? [] : [rates]);
        return await calculator.CalculateAsync(
            new PriceCalculationRequest { Item = item, BasePrices = prices, SupportsSaleSchedule = schedules, Now = now ?? Now },
            TestContext.Current.CancellationToken);
    }

    private static async Task<CalculatedPrice> OneAsync(Action<PricingRules> rules, ChannelItemDefinition item, params BasePrice[] prices)
    {
        var result = await CalculateAsync(rules, item, prices);
        Assert.Null(result.Problem);
        return Assert.Single(result.Prices);
    }

    [Fact]
    public async Task NoRules_EachPublishedCurrency_PricedAsPublished()
    {
        var result = await CalculateAsync(_ => { }, Simple("A"), [Base("A", 10m), Base("A", 1500m, "JPY")]);

        Assert.Equal(["EUR;10.00", "JPY;1500"], result.Prices.Select(p => p.Price.ToInvariantString()));
    }

    [Fact]
    public async Task Currency_NotPublished_ConvertedWithTheHostRate()
    {
        var price = await CalculateAsync(r => r.Currency = "GBP", Simple("A"), [Base("A", 10m)], rates: new Rates(("EUR", "GBP", 0.8567m)));

        var gbp = Assert.Single(price.Prices);
        Assert.Equal("GBP;8.57", gbp.Price.ToInvariantString());
        Assert.Contains(gbp.Steps, s => s.StartsWith("convert A 10.00 EUR at 0.8567", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Currency_NoRate_ProblemNamesTheRule()
    {
        var missing = await CalculateAsync(r => r.Currency = "GBP", Simple("A"), [Base("A", 10m)], rates: new Rates());
        var noSource = await CalculateAsync(r => r.Currency = "GBP", Simple("A"), [Base("A", 10m)]);
        var ambiguous = await CalculateAsync(r => r.Currency = "GBP", Simple("A"), [Base("A", 10m), Base("A", 11m, "USD")], rates: new Rates());

        Assert.Equal("Pricing.Currency", missing.ProblemField);
        Assert.Contains("no EUR->GBP rate", missing.Problem, StringComparison.Ordinal);
        Assert.Contains("no IExchangeRateSource is registered", noSource.Problem, StringComparison.Ordinal);
        Assert.Contains("set Pricing.ConvertFrom", ambiguous.Problem, StringComparison.Ordinal);
        Assert.Empty(missing.Prices);
    }

    [Fact]
    public async Task Currency_PublishedInTheChannelCurrency_NoConversion()
    {
        var price = await OneAsync(r => { r.Currency = "USD"; r.ConvertFrom = "EUR"; }, Simple("A"), Base("A", 10m), Base("A", 12.5m, "USD"));

        Assert.Equal("USD;12.50", price.Price.ToInvariantString());
    }

    [Fact]
    public async Task Markup_PercentThenFixedAmount()
    {
        var price = await OneAsync(r => { r.MarkupPercent = 25m; r.MarkupAmount = 0.30m; }, Simple("A"), Base("A", 10m));

        Assert.Equal(12.80m, price.Price.Amount.Amount);
        Assert.Equal(["base price 10.00 EUR", "markup 25 %: 10.00 EUR -> 12.50 EUR", "markup 0.30 EUR: 12.50 EUR -> 12.80 EUR"], price.Steps);
    }

    [Fact]
    public async Task Rounding_IncrementAtMidpoint_AwayFromZeroVersusHalfEven()
    {
        // 10.025 / 0.05 = 200.5: away from zero 10.05, half even 10.00.
        var away = await OneAsync(r => r.Rounding = new PriceRounding { Increment = 0.05m }, Simple("A"), Base("A", 10.025m));
        var even = await OneAsync(r => r.Rounding = new PriceRounding { Increment = 0.05m, Mode = PriceRoundingMode.HalfEven }, Simple("A"), Base("A", 10.025m));

        Assert.Equal(10.05m, away.Price.Amount.Amount);
        Assert.Equal(10.00m, even.Price.Amount.Amount);
        Assert.Contains("rounded to 0.05 (HalfEven): 10.025 EUR -> 10.00 EUR", even.Steps);
    }

    [Fact]
    public async Task Rounding_MinorUnitMidpoint_FollowsTheMode()
    {
        var away = await OneAsync(r => r.MarkupPercent = 50m, Simple("A"), Base("A", 1.563m)); // 2.3445 -> 2.34 either way
        var mid = await OneAsync(r => { }, Simple("A"), Base("A", 2.345m));
        var midEven = await OneAsync(r => r.Rounding = new PriceRounding { Mode = PriceRoundingMode.HalfEven }, Simple("A"), Base("A", 2.345m));
        var yen = await OneAsync(r => { }, Simple("A"), Base("A", 1234.5m, "JPY"));

        Assert.Equal(2.34m, away.Price.Amount.Amount);
        Assert.Equal(2.35m, mid.Price.Amount.Amount);
        Assert.Equal(2.34m, midEven.Price.Amount.Amount);
        Assert.Equal("JPY;1235", yen.Price.ToInvariantString());
    }

    [Theory]
    [InlineData(12.30, 0.99, 12.99)]
    [InlineData(12.995, 0.99, 13.99)]
    [InlineData(12.99, 0.99, 12.99)]
    [InlineData(12.96, 0.95, 13.95)]
    [InlineData(12.10, 0.95, 12.95)]
    public async Task Rounding_Ending_LowestPriceAtOrAboveWithThatEnding(decimal basePrice, decimal ending, decimal expected)
    {
        var price = await OneAsync(r => r.Rounding = new PriceRounding { Ending = ending }, Simple("A"), Base("A", basePrice));

        Assert.Equal(expected, price.Price.Amount.Amount);
    }

    [Fact]
    public async Task Rounding_EndingFinerThanTheCurrency_Problem()
    {
        var result = await CalculateAsync(r => r.Rounding = new PriceRounding { Ending = 0.99m }, Simple("A"), [Base("A", 1200m, "JPY")]);

        Assert.Equal("Pricing.Rounding.Ending", result.ProblemField);
    }

    [Fact]
    public async Task Floor_MinimumMarginOverCost_RaisesThePriceRoundedUp()
    {
        // 8.00 / (1 - 0.30) = 11.428... -> 11.43
        var price = await OneAsync(r => r.MinimumMarginPercent = 30m, Simple("A"), Base("A", 10m, cost: 8m));

        Assert.Equal(11.43m, price.Price.Amount.Amount);
        Assert.Contains("minimum margin 30 % over cost 8.00 EUR: 10.00 EUR -> 11.43 EUR", price.Steps);
    }

    [Fact]
    public async Task Floor_MinimumMarginWithoutCost_ProblemNamesTheRule()
    {
        var result = await CalculateAsync(r => r.MinimumMarginPercent = 30m, Simple("A"), [Base("A", 10m)]);

        Assert.Equal("Pricing.MinimumMarginPercent", result.ProblemField);
    }

    [Fact]
    public async Task Floor_MinimumAdvertisedPrice_RaisesThePriceAndIsSent()
    {
        var price = await OneAsync(r => { r.MarkupPercent = -20m; r.Overrides["A"] = new PriceOverride { MinimumAdvertisedPrice = 9.50m }; }, Simple("A"), Base("A", 10m));

        Assert.Equal("EUR;9.50;map=9.50", price.Price.ToInvariantString());
        Assert.Contains("minimum advertised price: 8.00 EUR -> 9.50 EUR", price.Steps);
    }

    [Fact]
    public async Task Ceiling_MaximumMarkup_CapsThePrice()
    {
        var price = await OneAsync(r => { r.MarkupAmount = 5m; r.MaximumMarkupPercent = 20m; }, Simple("A"), Base("A", 10m));

        Assert.Equal(12m, price.Price.Amount.Amount);
        Assert.Contains("ceiling base + 20 %: 15.00 EUR -> 12.00 EUR", price.Steps);
    }

    [Fact]
    public async Task Ceiling_BelowTheFloor_Problem()
    {
        var result = await CalculateAsync(r => { r.MaximumMarkupPercent = 10m; r.MinimumMarginPercent = 50m; }, Simple("A"), [Base("A", 10m, cost: 8m)]);

        Assert.Equal("Pricing.MaximumMarkupPercent", result.ProblemField);
        Assert.Contains("below the floor 16.00 EUR", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Override_FixedPriceAndMarkup_ReplaceTheChannelRules()
    {
        Action<PricingRules> rules = r =>
        {
            r.MarkupPercent = 50m;
            r.Overrides["A"] = new PriceOverride { Price = 7.77m };
            r.Overrides["B"] = new PriceOverride { MarkupPercent = 10m };
        };

        var fixedPrice = await OneAsync(rules, Simple("A"), Base("A", 10m));
        var markup = await OneAsync(rules, Simple("B"), Base("B", 10m));
        var other = await OneAsync(rules, Simple("C"), Base("C", 10m));

        Assert.Equal(7.77m, fixedPrice.Price.Amount.Amount);
        Assert.Contains("fixed price 7.77 EUR (override A)", fixedPrice.Steps);
        Assert.Equal(11m, markup.Price.Amount.Amount);
        Assert.Equal(15m, other.Price.Amount.Amount);
    }

    [Fact]
    public async Task Packs_CasePackAndBundle_FromComponentsWithTheirDiscounts()
    {
        Action<PricingRules> rules = r => { r.CasePackDiscountPercent = 10m; r.BundleDiscountPercent = 5m; };
        var pack = new ChannelItemDefinition(Channel, "tea-6", [new ItemComponent("TEA", 6m)]);
        var bundle = new ChannelItemDefinition(Channel, "gift", [new ItemComponent("TEA", 2m), new ItemComponent("MUG", 1m)]);

        var packPrice = await OneAsync(rules, pack, Base("TEA", 3.50m));
        var bundlePrice = await OneAsync(rules, bundle, Base("TEA", 3.50m), Base("MUG", 8m));
        var incomplete = await CalculateAsync(rules, bundle, [Base("TEA", 3.50m)]);

        Assert.Equal(18.90m, packPrice.Price.Amount.Amount); // 6 x 3.50 = 21.00, less 10 %
        Assert.Equal(["case pack 6 x TEA 3.50 = 21.00 EUR", "case pack discount 10 %: 21.00 EUR -> 18.90 EUR"], packPrice.Steps);
        Assert.Equal(14.25m, bundlePrice.Price.Amount.Amount); // 2 x 3.50 + 8.00 = 15.00, less 5 %
        Assert.Empty(incomplete.Prices); // a component without a price: no price, no guess
        Assert.Null(incomplete.Problem);
    }

    [Fact]
    public async Task Sale_ChannelSchedules_SalePriceWithItsWindow()
    {
        var starts = Now.AddDays(1);
        var ends = Now.AddDays(8);
        var price = await OneAsync(r => r.Sale = new SaleRule { DiscountPercent = 20m, StartsAt = starts, EndsAt = ends }, Simple("A"), Base("A", 25m));

        Assert.Equal(20m, price.Price.Sale!.Value.Amount);
        Assert.Equal(25m, price.Price.Amount.Amount);
        Assert.Equal(starts, price.Price.SaleStartsAt);
        Assert.Equal(ends, price.Price.SaleEndsAt);
    }

    [Fact]
    public async Task Sale_ChannelDoesNotSchedule_ResolvedAtTheTimeOfComputing()
    {
        Action<PricingRules> rules = r => r.Sale = new SaleRule { DiscountPercent = 20m, StartsAt = Now.AddDays(1), EndsAt = Now.AddDays(8) };

        var before = Assert.Single((await CalculateAsync(rules, Simple("A"), [Base("A", 25m)], schedules: false)).Prices);
        var during = Assert.Single((await CalculateAsync(rules, Simple("A"), [Base("A", 25m)], schedules: false, now: Now.AddDays(2))).Prices);
        var after = Assert.Single((await CalculateAsync(rules, Simple("A"), [Base("A", 25m)], schedules: false, now: Now.AddDays(8))).Prices);

        Assert.Equal("EUR;25.00", before.Price.ToInvariantString());
        Assert.Equal("EUR;20.00;cmp=25.00", during.Price.ToInvariantString());
        Assert.Equal("EUR;25.00", after.Price.ToInvariantString());
        Assert.Contains(during.Steps, s => s.Contains("reprice at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sale_BelowTheMarginFloor_RaisedToTheFloor()
    {
        var price = await OneAsync(r => { r.MinimumMarginPercent = 20m; r.Sale = new SaleRule { DiscountPercent = 50m }; }, Simple("A"), Base("A", 20m, cost: 12m));

        Assert.Equal(15m, price.Price.Sale!.Value.Amount); // 12 / 0.8
    }

    [Fact]
    public async Task CompareAt_Override_ShownAboveThePriceOnly()
    {
        var shown = await OneAsync(r => r.Overrides["A"] = new PriceOverride { CompareAtPrice = 14.99m }, Simple("A"), Base("A", 10m));
        var ignored = await OneAsync(r => r.Overrides["A"] = new PriceOverride { CompareAtPrice = 9m }, Simple("A"), Base("A", 10m));

        Assert.Equal("EUR;10.00;cmp=14.99", shown.Price.ToInvariantString());
        Assert.Null(ignored.Price.CompareAt);
    }

    private sealed class Rates(params (string From, string To, decimal Rate)[] rates) : IExchangeRateSource
    {
        public ValueTask<decimal?> GetRateAsync(string fromCurrency, string toCurrency, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(rates.Where(r => r.From == fromCurrency && r.To == toCurrency).Select(r => (decimal?)r.Rate).FirstOrDefault());
    }

    [Theory]
    [InlineData(false, -1, 1, 1)] // running, engine resolves it: changes when it ends
    [InlineData(false, 1, 2, 1)] // not started, engine resolves it: changes when it starts
    [InlineData(true, 1, 2, 2)] // the channel schedules it: only its end changes what is sent
    [InlineData(true, -2, -1, null)] // over: nothing left to change
    public async Task CalculateAsync_Sale_ChangesAtTheNextBoundaryThatChangesThePrice(bool schedules, int startDays, int endDays, int? changesDays)
    {
        var result = await CalculateAsync(
            r => r.Sale = new SaleRule { DiscountPercent = 10, StartsAt = Now.AddDays(startDays), EndsAt = Now.AddDays(endDays) },
            Simple("TEA"),
            [Base("TEA", 10m)],
            schedules);

        Assert.Equal(changesDays is { } d ? Now.AddDays(d) : null, result.ChangesAt);
    }
}

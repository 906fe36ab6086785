using Connectors.Mapping.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Mapping.Tests.DependencyInjection;

/// <summary>Issue 20 (prices): pricing rules from JSON, checked at start naming the field, and applied by the engine.</summary>
public partial class MappingConnectorsBuilderExtensionsTests
{
    private const string PricingJson = """
        {"Mapping":{"Channels":{"shop-b":{
          "Items":[{"ChannelItemId":"tea-6","Sku":"TEA","QuantityPerUnit":6},{"ChannelItemId":"MUG","Sku":"MUG"}],
          "Pricing":{
            "Currency":"EUR","MarkupPercent":20,"MarkupAmount":0.5,
            "Rounding":{"Ending":0.99,"Mode":"HalfEven"},
            "MinimumMarginPercent":25,"MaximumMarkupPercent":80,"CasePackDiscountPercent":10,
            "Sale":{"DiscountPercent":10,"StartsAt":"2099-01-01T00:00:00Z","EndsAt":"2099-02-01T00:00:00Z"},
            "Overrides":{"MUG":{"Price":12.49,"MinimumAdvertisedPrice":11,"CompareAtPrice":15}}
          }}}}}
        """;

    [Fact]
    public async Task AddMapping_PricingFromJson_EngineAppliesTheRulesEndToEnd()
    {
        var channel = new Testing.FakeChannel("shop-b");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(PricingJson)));
        builder.Services.AddConnectors().AddChannel("shop-b", "fake", _ => channel).AddMapping(builder.Configuration.GetSection("Mapping"));
        using var host = builder.Build();
        await host.StartAsync(Ct);
        var prices = host.Services.GetRequiredService<IPriceSync>();

        await host.Services.GetRequiredService<IConnectorEvents>().PublishPricesAsync(
            [new BasePrice { Sku = "TEA", Price = new Money(3.50m, "EUR"), Cost = new Money(2m, "EUR") }, new BasePrice { Sku = "MUG", Price = new Money(8m, "EUR"), Cost = new Money(5m, "EUR") }],
            Ct);
        await prices.DispatchAsync("shop-b", Ct);

        // tea-6: 6 x 3.50 = 21.00, -10 % = 18.90, +20 % = 22.68, +0.50 = 23.18, ending .99 = 23.99; sale -10 % = 21.591 -> 21.99.
        var tea = channel.GetPrice("tea-6", "EUR")!;
        Assert.Equal(23.99m, tea.Amount.Amount);
        Assert.Equal(21.99m, tea.Sale!.Value.Amount);
        Assert.Equal(new DateTimeOffset(2099, 2, 1, 0, 0, 0, TimeSpan.Zero), tea.SaleEndsAt);
        var mug = channel.GetPrice("MUG", "EUR")!;
        Assert.Equal("EUR;12.49;cmp=15.00;sale=11.99;from=" + new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks + ";to=" + new DateTimeOffset(2099, 2, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks + ";map=11.00", mug.ToInvariantString());
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddMapping_MisspeltPricingSetting_HostFailsAtStartNamingThePath()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"Pricing":{"MarkupPercnt":20}}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Mapping:Channels:shop-b:Pricing:MarkupPercnt", Assert.Single(error.Errors).FieldPath);
    }

    [Fact]
    public async Task AddMapping_InvalidPricingValues_HostFailsAtStartNamingEachField()
    {
        using var host = MappingHost(
            """
            {"Mapping":{"Channels":{"shop-b":{"Pricing":{
              "Currency":"euro","MarkupPercent":-100,"MinimumMarginPercent":100,"BundleDiscountPercent":-1,
              "Rounding":{"Increment":0,"Ending":1.5},
              "Sale":{"DiscountPercent":0,"StartsAt":"2026-02-01T00:00:00Z","EndsAt":"2026-01-01T00:00:00Z"},
              "Overrides":{"A":{"Price":-1}}}}}}}
            """,
            "shop-b");

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync(Ct));

        var paths = error.Failures.Select(f => f[..f.IndexOf(' ', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "Mapping:Channels:shop-b:Pricing.Currency", "Mapping:Channels:shop-b:Pricing.MarkupPercent", "Mapping:Channels:shop-b:Pricing.MinimumMarginPercent",
            "Mapping:Channels:shop-b:Pricing.BundleDiscountPercent", "Mapping:Channels:shop-b:Pricing.Rounding.Increment", "Mapping:Channels:shop-b:Pricing.Rounding.Ending",
            "Mapping:Channels:shop-b:Pricing.Sale.DiscountPercent", "Mapping:Channels:shop-b:Pricing.Sale.EndsAt", "Mapping:Channels:shop-b:Pricing.Overrides:A.Price",
        ];
        Assert.All(expected, p => Assert.Contains(p, paths));
    }

    [Fact]
    public void AddMapping_PricingInCode_SameRulesAsJson()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel("shop-b", "fake", _ => new Testing.FakeChannel("shop-b")).AddMapping(o =>
        {
            var profile = new ChannelMappingProfile { Pricing = new PricingRules { MarkupPercent = 10m, Rounding = new PriceRounding { Increment = 0.05m } } };
            o.Channels["shop-b"] = profile;
        });
        using var provider = services.BuildServiceProvider();

        Assert.Equal("ProfilePriceCalculator", provider.GetRequiredService<IPriceCalculator>().GetType().Name);
    }
}

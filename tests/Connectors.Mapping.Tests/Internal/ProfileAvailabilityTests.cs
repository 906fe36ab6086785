using Connectors.Mapping.Internal;
using Microsoft.Extensions.DependencyInjection;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

/// <summary>
/// Profile items (packs, weight units, bundles, bundles inside packs) through the calculator a host composed with
/// <c>AddMapping</c> really resolves: the profile's definitions must give the engine's calculator what it needs.
/// </summary>
public class ProfileAvailabilityTests
{
    private static readonly MappingProfileStore Profiles = Store(Catalogue);

    private static readonly IAvailabilityCalculator Calculator = ComposedCalculator();

    private static IAvailabilityCalculator ComposedCalculator()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddChannel(Channel, "fake", _ => new Testing.FakeChannel(Channel)).AddMapping(options => Catalogue(options.Channels[Channel] = new()));
        return services.BuildServiceProvider().GetRequiredService<IAvailabilityCalculator>();
    }

    private static int Available(string itemId, params (string Sku, decimal Quantity)[] stock) =>
        Calculator.Calculate(
            Profiles.FindItem(Channel, itemId)!,
            stock.ToDictionary(s => s.Sku, s => s.Quantity));

    [Theory]
    [InlineData("plain", 7, 7)]
    [InlineData("case12", 35, 2)]
    [InlineData("case12", 11, 0)]
    [InlineData("bag500", 2.7, 5)]
    public void Calculate_PacksAndWeights_FloorToWholeSellingUnits(string item, double available, int expected)
    {
        var sku = Profiles.FindItem(Channel, item)!.Components[0].Sku;

        Assert.Equal(expected, Available(item, (sku, (decimal)available)));
    }

    [Fact]
    public void Calculate_Bundle_IsMinimumOverComponents()
    {
        Assert.Equal(3, Available("gift", ("MUG", 7m), ("TEA", 5m)));
    }

    [Fact]
    public void Calculate_BundleInsideCasePack_DividesByPackTimesComponent()
    {
        // A case holds 6 gift sets of 2 mugs and 1 tea: 12 mugs and 6 teas.
        Assert.Equal(2, Available("gift-case6", ("MUG", 30m), ("TEA", 100m)));
        Assert.Equal(1, Available("gift-case6", ("MUG", 30m), ("TEA", 11m)));
    }

    [Fact]
    public void Calculate_MissingOrNegativeComponent_IsZero()
    {
        Assert.Equal(0, Available("gift", ("MUG", 7m)));
        Assert.Equal(0, Available("gift", ("MUG", 7m), ("TEA", -3m)));
    }

    [Fact]
    public void Calculate_OffSale_IsZero()
    {
        var item = new ChannelItemDefinition(Channel, "x", [new ItemComponent("P1", 1m)], onSale: false);

        Assert.Equal(0, Calculator.Calculate(item, new Dictionary<string, decimal> { ["P1"] = 10m }));
    }
}

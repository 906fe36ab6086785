using Connectors.Mapping;

namespace Connectors.Tests.Mapping;

public class ComponentAvailabilityCalculatorTests
{
    private readonly ComponentAvailabilityCalculator _calculator = new();

    [Fact]
    public void Calculate_Bundle_IsMinimumOverComponentsFloored()
    {
        var bundle = new ChannelItemDefinition("a", "kit", [new ItemComponent("A", 2m), new ItemComponent("B", 3m)]);

        var sellable = _calculator.Calculate(bundle, new Dictionary<string, decimal> { ["A"] = 9m, ["B"] = 10m });

        Assert.Equal(3, sellable); // A: floor(9/2)=4, B: floor(10/3)=3
    }

    [Fact]
    public void Calculate_CasePack_FloorsToWholeCases()
    {
        var pack = new ChannelItemDefinition("a", "case", [new ItemComponent("CAN", 12m)]);

        Assert.Equal(1, _calculator.Calculate(pack, new Dictionary<string, decimal> { ["CAN"] = 23m }));
        Assert.Equal(0, _calculator.Calculate(pack, new Dictionary<string, decimal> { ["CAN"] = 11m }));
    }

    [Fact]
    public void Calculate_WeightUnits_CountsBagsOfFractionalKilos()
    {
        var bag = new ChannelItemDefinition("a", "flour-500g", [new ItemComponent("FLOUR-KG", 0.5m)]);

        Assert.Equal(5, _calculator.Calculate(bag, new Dictionary<string, decimal> { ["FLOUR-KG"] = 2.7m }));
    }

    [Fact]
    public void Calculate_MissingOrNegativeComponent_IsZero()
    {
        var bundle = new ChannelItemDefinition("a", "kit", [new ItemComponent("A", 1m), new ItemComponent("B", 1m)]);

        Assert.Equal(0, _calculator.Calculate(bundle, new Dictionary<string, decimal> { ["A"] = 5m }));
        Assert.Equal(0, _calculator.Calculate(bundle, new Dictionary<string, decimal> { ["A"] = 5m, ["B"] = -3m }));
    }

    [Fact]
    public void Calculate_OffSale_IsZero()
    {
        var item = new ChannelItemDefinition("a", "x", [new ItemComponent("A", 1m)], onSale: false);

        Assert.Equal(0, _calculator.Calculate(item, new Dictionary<string, decimal> { ["A"] = 50m }));
    }
}

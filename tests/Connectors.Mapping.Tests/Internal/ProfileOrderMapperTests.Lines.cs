using Connectors.Mapping.Internal;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

public partial class ProfileOrderMapperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MapOrder_PlainCaseWeightAndBundles_ExplodeIntoWmsUnits()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 2), ("case12", 3), ("bag500", 3), ("gift", 2)]);

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.Equal(
            [("L1", "P1", 2m, "L1"), ("L2", "CAN", 36m, "L2"), ("L3", "COFFEE-KG", 1.5m, "L3"), ("L4:0", "MUG", 4m, "L4"), ("L4:1", "TEA", 2m, "L4")],
            result.Order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity, l.ChannelLineId)));
    }

    [Fact]
    public async Task MapOrder_BundleInsideCasePack_MultipliesPackByComponents()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("gift-case6", 2)]);

        var result = await mapper.MapOrderAsync(order, Ct);

        // 2 cases x 6 gift sets x (2 mugs + 1 tea).
        Assert.Equal([("L1:0", "MUG", 24m), ("L1:1", "TEA", 12m)], result.Order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity)));
    }

    [Fact]
    public async Task MapOrder_CasePack_PricesPerWmsUnit()
    {
        var mapper = Mapper(Catalogue);

        var result = await mapper.MapOrderAsync(Order([("case12", 1)]), Ct);

        Assert.Equal(new Money(1m, "EUR"), result.Order.Lines[0].UnitPrice);
    }

    [Fact]
    public async Task MapOrder_FractionOfWholeUnitSku_ThrowsUnitsMappingException()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1), ("half-case", 3)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(order, Ct));

        Assert.Equal("Units", error.Rule);
        Assert.Equal("L2", error.LineId);
        Assert.Equal("1001", error.OrderId);
        Assert.Equal("Lines[1].Quantity", error.FieldPath);
        Assert.Contains("1.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapOrder_EvenQuantityOfHalfUnit_MapsToWholeUnits()
    {
        var mapper = Mapper(Catalogue);

        var result = await mapper.MapOrderAsync(Order([("half-case", 4)]), Ct);

        Assert.Equal(2m, result.Order.Lines[0].Quantity);
    }

    [Fact]
    public async Task MapOrder_UnmappedItem_ThrowsNamingOrderLineFieldAndRule()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1), ("ghost", 1)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(order, Ct));

        Assert.Equal(("store-a", "1001", "L2", "Lines[1].ChannelItemId", "Items"), (error.Channel, error.OrderId, error.LineId, error.FieldPath, error.Rule));
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapOrder_ChannelWithoutProfile_ThrowsProfileError()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1)], channel: "store-b");

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(order, Ct));

        Assert.Equal("Profile", error.Rule);
    }

    [Fact]
    public async Task MapOrder_ChannelWithoutProfileAndIdentityOn_MapsOneForOne()
    {
        var mapper = Mapper(Store(Catalogue, identityForOthers: true));
        var order = Order([("ANY-SKU", 3)], channel: "store-b");

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.Equal(("ANY-SKU", 3m), (result.Order.Lines[0].Sku, result.Order.Lines[0].Quantity));
        Assert.Equal(ReleaseDecision.Release, result.Release);
    }

    [Fact]
    public async Task MapOrder_CarriesOrderIdentityAndVersion()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1)]);

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.Equal(("store-a", "1001", "#1001", order.UpdatedAt), (result.Order.Channel, result.Order.ChannelOrderId, result.Order.OrderNumber, result.Order.ChannelVersion));
    }
}

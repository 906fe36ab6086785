using System.Text.Json;
using Connectors.Internal;
using Connectors.Mapping;
using Connectors.Orders.Internal;
using Connectors.Testing;

namespace Connectors.Tests.Orders;

/// <summary>Issue 20: the ship-by survives the engine's payloads, so a stored order does not differ from a re-mapped one, and a changed ship-by is an update.</summary>
public class ShipByRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset ShipBy = ModelFactory.Epoch.AddDays(2).AddHours(13);

    [Fact]
    public void ChannelOrderAndOrderState_RoundTrip_KeepShipBy()
    {
        var order = ModelFactory.Order("a", "1", [("SKU-1", 1)]) with { ShipBy = ShipBy };
        var warehouse = new WarehouseOrder("a", "1", [new WarehouseOrderLine("1", "SKU-1", 1m, "1")]) { ShipBy = ShipBy };

        var json = JsonSerializer.Serialize(new OrderState(order, warehouse, true, null), ConnectorsJsonContext.Default.OrderState);
        var back = JsonSerializer.Deserialize(json, ConnectorsJsonContext.Default.OrderState)!;

        Assert.Equal(ShipBy, back.Order!.ShipBy);
        Assert.Equal(ShipBy, back.Submitted!.ShipBy);
        Assert.False(OrderDiff.HasChanges(warehouse, back.Submitted));
    }

    [Fact]
    public void OrderDiff_ShipByChanged_IsAChange()
    {
        var before = new WarehouseOrder("a", "1", [new WarehouseOrderLine("1", "SKU-1", 1m, "1")]) { ShipBy = ShipBy };

        Assert.True(OrderDiff.HasChanges(before, before with { ShipBy = ShipBy.AddDays(1) }));
        Assert.True(OrderDiff.HasChanges(before, before with { ShipBy = null }));
        Assert.False(OrderDiff.HasChanges(before, before with { }));
    }

    [Fact]
    public async Task IdentityMapper_ChannelShipBy_PassesThrough()
    {
        var mapper = new IdentityOrderMapper(new IdentityItemResolver());

        var result = await mapper.MapOrderAsync(ModelFactory.Order("a", "1", [("SKU-1", 1)]) with { ShipBy = ShipBy }, Ct);

        Assert.Equal(ShipBy, result.Order.ShipBy);
    }
}

using Connectors.Mapping;
using Connectors.Testing;

namespace Connectors.Tests.Mapping;

public class IdentityOrderMapperTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A resolver with a 6-pack and a bundle, so the default mapper is exercised beyond identity.</summary>
    private sealed class CatalogueResolver : IItemResolver
    {
        private readonly Dictionary<string, ChannelItemDefinition> _items = new(StringComparer.Ordinal)
        {
            ["plain"] = new("a", "plain", [new ItemComponent("P1", 1m)]),
            ["six-pack"] = new("a", "six-pack", [new ItemComponent("CAN", 6m)]),
            ["gift-set"] = new("a", "gift-set", [new ItemComponent("MUG", 1m), new ItemComponent("TEA", 2m)]),
        };

        public ValueTask<ChannelItemDefinition?> FindByChannelItemAsync(string channel, string channelItemId, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(_items.GetValueOrDefault(channelItemId));

        public ValueTask<IReadOnlyList<ChannelItemDefinition>> FindBySkuAsync(string channel, string sku, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<IReadOnlyList<ChannelItemDefinition>>([.. _items.Values.Where(i => i.Components.Any(c => c.Sku == sku))]);

        public IAsyncEnumerable<ChannelItemDefinition> ListAsync(string channel, CancellationToken cancellationToken = default) => _items.Values.ToAsyncEnumerable();
    }

    [Fact]
    public async Task MapOrder_PacksAndBundles_ExplodeIntoWmsUnits()
    {
        var mapper = new IdentityOrderMapper(new CatalogueResolver());
        var order = ModelFactory.Order("a", "1", [("plain", 2), ("six-pack", 3), ("gift-set", 2)]);

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.Equal(ReleaseDecision.Release, result.Release);
        Assert.Equal(
            [("1", "P1", 2m, "1"), ("2", "CAN", 18m, "2"), ("3:0", "MUG", 2m, "3"), ("3:1", "TEA", 4m, "3")],
            result.Order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity, l.ChannelLineId)));
        Assert.Equal(order.UpdatedAt, result.Order.ChannelVersion);
    }

    [Fact]
    public async Task MapOrder_UnmappedItem_ThrowsMappingExceptionNamingOrderLineAndField()
    {
        var mapper = new IdentityOrderMapper(new CatalogueResolver());
        var order = ModelFactory.Order("a", "77", [("plain", 1), ("ghost", 1)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapOrderAsync(order, Ct));

        Assert.Equal("77", error.OrderId);
        Assert.Equal("2", error.LineId);
        Assert.Equal("Lines[1].ChannelItemId", error.FieldPath);
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PaymentStatus.Paid, ReleaseDecision.Release)]
    [InlineData(PaymentStatus.Authorized, ReleaseDecision.Release)]
    [InlineData(PaymentStatus.Pending, ReleaseDecision.Hold)]
    [InlineData(PaymentStatus.Unknown, ReleaseDecision.Hold)]
    [InlineData(PaymentStatus.Voided, ReleaseDecision.Reject)]
    [InlineData(PaymentStatus.Failed, ReleaseDecision.Reject)]
    public async Task MapOrder_PaymentStatus_DecidesRelease(PaymentStatus status, ReleaseDecision expected)
    {
        var mapper = new IdentityOrderMapper(new IdentityItemResolver());

        var result = await mapper.MapOrderAsync(ModelFactory.Order("a", "1", [("S1", 1)], status), Ct);

        Assert.Equal(expected, result.Release);
    }

    [Fact]
    public async Task MapShipment_BundleComponentsAllShipped_FoldIntoBundleLine()
    {
        var mapper = new IdentityOrderMapper(new CatalogueResolver());
        var order = ModelFactory.Order("a", "1", [("gift-set", 2), ("six-pack", 1)]);

        var request = await mapper.MapShipmentAsync(ModelFactory.Shipment("s1", "a", "1", [("MUG", 2m), ("TEA", 4m), ("CAN", 6m)]), order, Ct);

        Assert.Equal([("1", 2), ("2", 1)], request.Lines.Select(l => (l.LineId, l.Quantity)));
        Assert.Equal("s1", request.IdempotencyKey);
        Assert.Equal("UPS", request.Carrier);
    }

    [Fact]
    public async Task MapShipment_BundlePartlyShipped_ShipsOnlyWholeBundles()
    {
        var mapper = new IdentityOrderMapper(new CatalogueResolver());
        var order = ModelFactory.Order("a", "1", [("gift-set", 2)]);

        var request = await mapper.MapShipmentAsync(ModelFactory.Shipment("s1", "a", "1", [("MUG", 2m), ("TEA", 3m)]), order, Ct);

        Assert.Equal(("1", 1), (request.Lines[0].LineId, request.Lines[0].Quantity));
    }

    [Fact]
    public async Task MapShipment_NothingWhole_ThrowsMappingException()
    {
        var mapper = new IdentityOrderMapper(new CatalogueResolver());
        var order = ModelFactory.Order("a", "1", [("six-pack", 1)]);

        var error = await Assert.ThrowsAsync<MappingException>(
            async () => await mapper.MapShipmentAsync(ModelFactory.Shipment("s1", "a", "1", [("CAN", 4m)]), order, Ct));

        Assert.Contains("s1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapReturn_Bundle_ExpectsEveryComponent()
    {
        var mapper = new IdentityOrderMapper(new CatalogueResolver());
        var order = ModelFactory.Order("a", "1", [("gift-set", 2)]);
        var request = new ReturnRequest("a", "r1", "1", [new ReturnLine("1", 1)], ModelFactory.Epoch);

        var expected = await mapper.MapReturnAsync(request, order, Ct);

        Assert.Equal([("MUG", 1m), ("TEA", 2m)], expected.Lines.Select(l => (l.Sku, l.Quantity)));
    }
}

using Connectors.Testing;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

public partial class ProfileOrderMapperTests
{
    private static WarehouseShipment ShipmentOf(IEnumerable<WarehouseShipmentLine> lines, string id = "S1") =>
        new(id, Channel, "1001", [.. lines], ModelFactory.Epoch, "UPS", "GROUND", [new TrackingInfo("1Z999")]);

    [Fact]
    public async Task RoundTrip_OrderToWmsToShipmentToChannel_ShipsEveryChannelLine()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 2), ("case12", 1), ("bag500", 3), ("gift", 2), ("gift-case6", 1)]);

        var mapped = await mapper.MapOrderAsync(order, Ct);
        // The WMS ships exactly what it was asked for, naming its own order lines.
        var shipment = ShipmentOf(mapped.Order.Lines.Select(l => new WarehouseShipmentLine(l.Sku, l.Quantity, l.LineId)));
        var fulfillment = await mapper.MapShipmentAsync(shipment, order, Ct);

        Assert.Equal(order.Lines.Select(l => (l.LineId, l.Quantity)), fulfillment.Lines.Select(l => (l.LineId, l.Quantity)));
        Assert.Equal(("1001", "S1", "UPS"), (fulfillment.ChannelOrderId, fulfillment.IdempotencyKey, fulfillment.Carrier));
        order.EnsureCanFulfill(fulfillment);
    }

    [Fact]
    public async Task MapShipment_WithoutOrderLineIds_FoldsBySku()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("case12", 2), ("gift", 1)]);
        var shipment = ShipmentOf([new("CAN", 24m), new("MUG", 2m), new("TEA", 1m)]);

        var fulfillment = await mapper.MapShipmentAsync(shipment, order, Ct);

        Assert.Equal([("L1", 2), ("L2", 1)], fulfillment.Lines.Select(l => (l.LineId, l.Quantity)));
    }

    [Fact]
    public async Task MapShipment_BundleMissingAComponent_ShipsOnlyCompleteLines()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1), ("gift", 2)]);
        // Both mugs for one gift set, but no tea yet: the gift line does not ship.
        var shipment = ShipmentOf([new("P1", 1m, "L1"), new("MUG", 2m, "L2:0")]);

        var fulfillment = await mapper.MapShipmentAsync(shipment, order, Ct);

        Assert.Equal([("L1", 1)], fulfillment.Lines.Select(l => (l.LineId, l.Quantity)));
    }

    [Fact]
    public async Task MapShipment_PartOfBundles_ShipsWholeBundlesOnly()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("gift-case6", 2)]);
        // One case and a half of mugs, two cases of tea: one case ships.
        var shipment = ShipmentOf([new("MUG", 18m), new("TEA", 12m)]);

        var fulfillment = await mapper.MapShipmentAsync(shipment, order, Ct);

        Assert.Equal([("L1", 1)], fulfillment.Lines.Select(l => (l.LineId, l.Quantity)));
    }

    [Fact]
    public async Task MapShipment_OnlyIncompleteBundle_ThrowsBundlesError()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("gift", 1)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapShipmentAsync(ShipmentOf([new("MUG", 2m)]), order, Ct));

        Assert.Equal(("Bundles", "L1"), (error.Rule, error.LineId));
    }

    [Fact]
    public async Task MapShipment_HalfACase_ThrowsUnitsError()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("case12", 2)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapShipmentAsync(ShipmentOf([new("CAN", 18m, "L1")]), order, Ct));

        Assert.Equal(("Units", "L1"), (error.Rule, error.LineId));
    }

    [Theory]
    [InlineData("plain", "P1", 5, 1)] // issue 18 item 10: shipping 5 of a line with 1 left
    [InlineData("case12", "CAN", 36, 2)] // three whole cases of a line of two
    public async Task MapShipment_MoreThanTheLineOrdered_SaysItExceedsWhatIsLeftToShip(string item, string sku, int shipped, int ordered)
    {
        var mapper = Mapper(Catalogue);
        var order = Order([(item, ordered)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapShipmentAsync(ShipmentOf([new(sku, shipped, "L1")]), order, Ct));

        Assert.Contains("exceeds what is left to ship", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("selling units", error.Message, StringComparison.Ordinal);
        Assert.Equal(("Shipment", "L1"), (error.Rule, error.LineId));
    }

    [Fact]
    public async Task MapShipment_SkuNotOnOrder_ThrowsShipmentError()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1)]);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapShipmentAsync(ShipmentOf([new("P1", 1m), new("STRAY", 1m)]), order, Ct));

        Assert.Equal(("Shipment", "Lines[1].Sku"), (error.Rule, error.FieldPath));
    }

    [Fact]
    public async Task MapShipment_SameSkuOnTwoLines_AttributesByWarehouseLineId()
    {
        var mapper = Mapper(Catalogue);
        // Mugs are in both the gift set and the case of gift sets; the WMS names which line each parcel line fulfils.
        var order = Order([("gift", 1), ("gift-case6", 1)]);
        var shipment = ShipmentOf([new("MUG", 12m, "L2:0"), new("TEA", 6m, "L2:1")]);

        var fulfillment = await mapper.MapShipmentAsync(shipment, order, Ct);

        Assert.Equal([("L2", 1)], fulfillment.Lines.Select(l => (l.LineId, l.Quantity)));
    }

    [Fact]
    public async Task MapReturn_BundleAndPack_ExpectsComponentUnits()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("case12", 2), ("gift", 2)]);
        var request = new ReturnRequest(Channel, "R1", "1001", [new ReturnLine("L1", 1), new ReturnLine("L2", 1)], ModelFactory.Epoch);

        var expected = await mapper.MapReturnAsync(request, order, Ct);

        Assert.Equal([("CAN", 12m, "L1"), ("MUG", 2m, "L2:0"), ("TEA", 1m, "L2:1")], expected.Lines.Select(l => (l.Sku, l.Quantity, l.OrderLineId)));
    }

    [Fact]
    public async Task MapReturn_UnknownLine_ThrowsReturnsError()
    {
        var mapper = Mapper(Catalogue);
        var order = Order([("plain", 1)]);
        var request = new ReturnRequest(Channel, "R1", "1001", [new ReturnLine("L9", 1)], ModelFactory.Epoch);

        var error = await Assert.ThrowsAsync<MappingException>(async () => await mapper.MapReturnAsync(request, order, Ct));

        Assert.Equal(("Returns", "L9", "Lines[0].LineId"), (error.Rule, error.LineId, error.FieldPath));
    }
}

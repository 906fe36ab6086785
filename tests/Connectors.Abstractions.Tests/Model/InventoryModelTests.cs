namespace Connectors.Abstractions.Tests.Model;

public class InventoryModelTests
{
    [Fact]
    public void StockLevel_NegativeOnHand_ThrowsNamingField()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new StockLevel("S1", "WH1", -1m));

        Assert.Equal("OnHand", error.FieldPath);
    }

    [Fact]
    public void StockLevel_NegativeReserved_ThrowsNamingField()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new StockLevel("S1", "WH1", 5m, -2m));

        Assert.Equal("Reserved", error.FieldPath);
    }

    [Fact]
    public void StockLevel_ReservedAboveOnHand_FreeIsZero()
    {
        Assert.Equal(0m, new StockLevel("S1", "WH1", 2m, 5m).Free);
        Assert.Equal(3m, new StockLevel("S1", "WH1", 5m, 2m).Free);
    }

    [Fact]
    public void InventoryTarget_NegativeQuantity_Throws()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new InventoryTarget("i1", "L1", -1));

        Assert.Equal("Quantity", error.FieldPath);
    }

    [Fact]
    public void StockLevel_Equality_IsByValue()
    {
        Assert.Equal(new StockLevel("S1", "WH1", 5m, 1m), new StockLevel("S1", "WH1", 5m, 1m));
        Assert.NotEqual(new StockLevel("S1", "WH1", 5m, 1m), new StockLevel("S1", "WH1", 5m, 2m));
    }

    [Fact]
    public void ItemComponent_ZeroQuantityPerUnit_Throws()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new ItemComponent("S1", 0m));

        Assert.Equal("QuantityPerUnit", error.FieldPath);
    }

    [Fact]
    public void ChannelItemDefinition_RepeatedComponentSku_NamesComponent()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => new ChannelItemDefinition("a", "bundle", [new ItemComponent("S1", 1m), new ItemComponent("S2", 1m), new ItemComponent("S1", 2m)]));

        Assert.Equal("Components[2].Sku", error.FieldPath);
    }

    [Fact]
    public void Shipment_WithoutLines_Throws()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => new WarehouseShipment("s1", "a", "1", [], DateTimeOffset.UnixEpoch));

        Assert.Equal("Lines", error.FieldPath);
    }

    [Fact]
    public void TrackingInfo_RelativeUrl_Throws()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new TrackingInfo("1Z", new Uri("/track", UriKind.Relative)));

        Assert.Equal("Url", error.FieldPath);
    }

    [Fact]
    public void FulfillmentRequest_RepeatedLine_NamesIt()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => new FulfillmentRequest("1", [new FulfillmentLine("1", 1), new FulfillmentLine("1", 1)], "s1"));

        Assert.Equal("Lines[1].LineId", error.FieldPath);
    }
}

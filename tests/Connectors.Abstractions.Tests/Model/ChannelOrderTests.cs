namespace Connectors.Abstractions.Tests.Model;

public class ChannelOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ChannelOrderLine Line(string id, int quantity, string currency = "EUR") =>
        new(id, "item-" + id, quantity, new Money(5m, currency));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Line_NonPositiveQuantity_ThrowsNamingQuantity(int quantity)
    {
        var error = Assert.Throws<ConnectorValidationException>(() => Line("1", quantity));

        Assert.Equal("Quantity", error.FieldPath);
        Assert.Contains(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_LineInOtherCurrency_NamesLinePath()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => new ChannelOrder("store-a", "1", "EUR", [Line("1", 1), Line("2", 1, "USD")], Now, Now));

        Assert.Equal("Lines[1].UnitPrice.Currency", error.FieldPath);
    }

    [Fact]
    public void Constructor_DuplicateLineIds_NamesSecondLine()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => new ChannelOrder("store-a", "1", "EUR", [Line("1", 1), Line("1", 2)], Now, Now));

        Assert.Equal("Lines[1].LineId", error.FieldPath);
    }

    [Fact]
    public void Constructor_EmptyOrderId_NamesField()
    {
        var error = Assert.Throws<ConnectorValidationException>(() => new ChannelOrder("store-a", " ", "EUR", [Line("1", 1)], Now, Now));

        Assert.Equal("OrderId", error.FieldPath);
    }

    [Fact]
    public void Constructor_TotalInOtherCurrency_NamesTotal()
    {
        var error = Assert.Throws<ConnectorValidationException>(
            () => new ChannelOrder("store-a", "1", "EUR", [Line("1", 1)], Now, Now, total: new Money(5m, "GBP")));

        Assert.Equal("Total.Currency", error.FieldPath);
    }

    [Fact]
    public void EnsureCanFulfill_MoreUnitsThanOrdered_NamesLineQuantity()
    {
        var order = new ChannelOrder("store-a", "1", "EUR", [Line("1", 2), Line("2", 3)], Now, Now);
        var request = new FulfillmentRequest("1", [new FulfillmentLine("1", 1), new FulfillmentLine("2", 4)], "s1");

        var error = Assert.Throws<ConnectorValidationException>(() => order.EnsureCanFulfill(request));

        Assert.Equal("Lines[1].Quantity", error.FieldPath);
    }

    [Fact]
    public void EnsureCanFulfill_CountsEarlierShipments()
    {
        var order = new ChannelOrder("store-a", "1", "EUR", [Line("1", 3)], Now, Now);
        var second = new FulfillmentRequest("1", [new FulfillmentLine("1", 2)], "s2");

        order.EnsureCanFulfill(second, new Dictionary<string, int> { ["1"] = 1 });
        var error = Assert.Throws<ConnectorValidationException>(() => order.EnsureCanFulfill(second, new Dictionary<string, int> { ["1"] = 2 }));

        Assert.Contains("only 1 of 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureCanFulfill_UnknownLine_NamesLineId()
    {
        var order = new ChannelOrder("store-a", "1", "EUR", [Line("1", 3)], Now, Now);

        var error = Assert.Throws<ConnectorValidationException>(
            () => order.EnsureCanFulfill(new FulfillmentRequest("1", [new FulfillmentLine("9", 1)], "s1")));

        Assert.Equal("Lines[0].LineId", error.FieldPath);
    }

    [Fact]
    public void UpdatedAt_BeforeCreatedAt_IsRaisedToCreatedAt()
    {
        var order = new ChannelOrder("store-a", "1", "EUR", [Line("1", 1)], Now, Now.AddDays(-1));

        Assert.Equal(Now, order.UpdatedAt);
    }

    [Fact]
    public void Line_Total_IsUnitPriceTimesQuantity()
    {
        Assert.Equal(new Money(15m, "EUR"), Line("1", 3).Total);
    }
}

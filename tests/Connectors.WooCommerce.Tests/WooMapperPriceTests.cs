using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Tests;

/// <summary>Issue 19 item 6: a line total that does not divide by the quantity is carried as given, the unit price rounded to the minor unit.</summary>
public sealed class WooMapperPriceTests
{
    [Theory]
    [InlineData("EUR", "10.00", "3.33")]
    [InlineData("JPY", "1000", "333")]
    [InlineData("KWD", "10.000", "3.333")]
    public void ToChannelOrder_TotalThatDoesNotDivide_UnitPriceInMinorUnitsAndTotalAsGiven(string currency, string total, string unit)
    {
        var json = JsonNode.Parse(Recorded.Text("order_a_processing.json"))!;
        json["currency"] = currency;
        var line = json["line_items"]![0]!;
        line["quantity"] = 3;
        line["total"] = total;
        line["subtotal"] = total;

        var order = WooMapper.ToChannelOrder("shop-b", JsonSerializer.Deserialize(json.ToJsonString(), WooJsonContext.Default.WooOrder)!);

        var first = order.Lines[0];
        Assert.Equal(decimal.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), first.UnitPrice.Amount);
        Assert.Equal(new Money(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), currency), first.Total);
    }
}

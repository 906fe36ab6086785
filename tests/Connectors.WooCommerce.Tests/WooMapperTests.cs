using System.Text.Json;
using Connectors.WooCommerce.Internal;
using Connectors.WooCommerce.Internal.Json;

namespace Connectors.WooCommerce.Tests;

public sealed class WooMapperTests
{
    private static ChannelOrder Order(string file) =>
        WooMapper.ToChannelOrder("shop-b", JsonSerializer.Deserialize(Recorded.Text(file), WooJsonContext.Default.WooOrder)!);

    [Theory]
    [InlineData("order_a_processing.json", new[] { 1, 1, 3 })] // 2 T-shirts reduced, then 1 restocked by the refund
    [InlineData("order_b_on_hold.json", new[] { 1, 1 })]
    [InlineData("order_c_cancelled.json", new[] { 0 })] // the cancellation put the stock back and deleted the meta
    public void ToChannelOrder_RecordedOrders_StockHeldIsWhatTheShopReduced(string file, int[] held)
    {
        var order = Order(file);

        Assert.Equal(held, order.Lines.Select(l => l.StockHeld ?? -1));
    }

    [Fact]
    public void ToChannelOrder_RecordedOrderA_KeepsWhatTheWmsNeeds()
    {
        var order = Order("order_a_processing.json");

        Assert.Equal("124", order.OrderId);
        Assert.Equal("124", order.OrderNumber);
        Assert.Equal("USD", order.Currency);
        Assert.Equal(ChannelOrderStatus.Open, order.Status);
        Assert.Equal(PaymentStatus.PartiallyRefunded, order.PaymentStatus);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 31, 12, TimeSpan.Zero), order.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 2, 31, 13, TimeSpan.Zero), order.UpdatedAt);
        Assert.Equal(new Money(108.03m, "USD"), order.Total);
        Assert.Equal(new Money(5.00m, "USD"), order.ShippingTotal);
        Assert.Equal("flat_rate", order.ShippingMethod);
        Assert.Equal("Please leave at the front desk.", order.Note);
        Assert.Equal("juergen.mueller@example.test", order.Email);
        Assert.Equal("EXT-1001", order.Attributes["meta._external_ref"]);
        Assert.Equal("18.00", order.Attributes["woocommerce.refund_total"]);

        Assert.Collection(
            order.Lines,
            l =>
            {
                Assert.Equal("5", l.LineId);
                Assert.Equal("117", l.ChannelItemId);
                Assert.Equal("TSHIRT-RED-M", l.Sku);
                Assert.Equal(2, l.Quantity);
                Assert.Equal(18.00m, l.UnitPrice.Amount); // total 35.99 after the coupon: unit price in cents, total as given
                Assert.Equal(new Money(35.99m, "USD"), l.Total);
            },
            l =>
            {
                Assert.Equal("6", l.LineId);
                Assert.Equal("119/121", l.ChannelItemId);
                Assert.Equal("HOODIE-M", l.Sku);
                Assert.Equal("M", l.Properties["size"]);
                Assert.Equal(44.09m, l.UnitPrice.Amount);
            },
            l =>
            {
                Assert.Equal("118", l.ChannelItemId);
                Assert.Equal("CAFÉ CRÈME 250g", l.Sku);
                Assert.Equal(3, l.Quantity);
                Assert.Equal(7.65m, l.UnitPrice.Amount); // 22.95 / 3, not the float 7.6499999999999995
            });

        var shipTo = order.ShippingAddress!;
        Assert.Equal("Jane Doe", shipTo.Name);
        Assert.Equal("Acme Inc.", shipTo.Company);
        Assert.Equal("1 Market St", shipTo.Line1);
        Assert.Equal("Suite 100", shipTo.Line2);
        Assert.Equal("CA", shipTo.ProvinceCode);
        Assert.Equal("94105", shipTo.PostalCode);
        Assert.Equal("US", shipTo.CountryCode);
        Assert.Null(order.BillingAddress!.ProvinceCode); // "state": "" in Germany
        Assert.Equal("Hauptstraße 5", order.BillingAddress.Line1);
    }

    [Theory]
    [InlineData("order_a_create.json", ChannelOrderStatus.Open, PaymentStatus.Paid)]
    [InlineData("order_b_create.json", ChannelOrderStatus.Open, PaymentStatus.Pending)]
    [InlineData("order_b_on_hold.json", ChannelOrderStatus.OnHold, PaymentStatus.Pending)]
    [InlineData("order_c_create.json", ChannelOrderStatus.OnHold, PaymentStatus.Pending)]
    [InlineData("order_c_cancelled.json", ChannelOrderStatus.Cancelled, PaymentStatus.Voided)]
    public void ToChannelOrder_RecordedOrders_MapStatuses(string file, ChannelOrderStatus status, PaymentStatus payment)
    {
        var order = Order(file);

        Assert.Equal(status, order.Status);
        Assert.Equal(payment, order.PaymentStatus);
        Assert.NotEmpty(order.Lines);
    }

    [Fact]
    public void ToChannelOrder_RecordedOrderList_EveryOrderParses()
    {
        var orders = JsonSerializer.Deserialize(Recorded.Text("orders_list_modified_after.json"), WooJsonContext.Default.ListWooOrder)!
            .Concat(JsonSerializer.Deserialize(Recorded.Text("orders_list_modified_after_page2.json"), WooJsonContext.Default.ListWooOrder)!)
            .Select(o => WooMapper.ToChannelOrder("shop-b", o))
            .ToList();

        Assert.Equal(3, orders.Count);
        Assert.All(orders, o => Assert.All(o.Lines, l => Assert.True(WooCommerceChannelItemId.TryParse(l.ChannelItemId, out _))));
    }

    [Theory]
    [InlineData("pending", false, false, ChannelOrderStatus.Open, PaymentStatus.Pending)]
    [InlineData("on-hold", true, false, ChannelOrderStatus.OnHold, PaymentStatus.Paid)]
    [InlineData("processing", true, false, ChannelOrderStatus.Open, PaymentStatus.Paid)]
    [InlineData("completed", true, false, ChannelOrderStatus.Completed, PaymentStatus.Paid)]
    [InlineData("cancelled", false, false, ChannelOrderStatus.Cancelled, PaymentStatus.Voided)]
    [InlineData("refunded", true, true, ChannelOrderStatus.Completed, PaymentStatus.Refunded)]
    [InlineData("failed", false, false, ChannelOrderStatus.OnHold, PaymentStatus.Failed)]
    [InlineData("checkout-draft", false, false, ChannelOrderStatus.OnHold, PaymentStatus.Unknown)]
    public void MapStatus_EveryStatus_MapsToCanonical(string status, bool paid, bool refunds, ChannelOrderStatus expected, PaymentStatus expectedPayment)
    {
        Assert.Equal((expected, expectedPayment), WooMapper.MapStatus(status, paid, refunds));
    }

    [Fact]
    public void Deserialize_DriftedTypes_AreTolerated()
    {
        const string json = """
            {"id":"124","status":"processing","currency":"USD","date_created_gmt":"2026-11-27T02:31:12","total":108.03,
             "shipping_total":"","billing":false,"shipping":[],"meta_data":false,"refunds":{},"customer_note":false,
             "line_items":[{"id":"5","product_id":"117","variation_id":"0","quantity":"2","total":"35.99","sku":1234,"price":"17.995"}]}
            """;

        var order = WooMapper.ToChannelOrder("shop-b", JsonSerializer.Deserialize(json, WooJsonContext.Default.WooOrder)!);

        Assert.Equal("124", order.OrderId);
        Assert.Equal(new Money(108.03m, "USD"), order.Total);
        Assert.Null(order.ShippingTotal);
        Assert.Null(order.ShippingAddress);
        Assert.Null(order.Note);
        var line = Assert.Single(order.Lines);
        Assert.Equal(2, line.Quantity);
        Assert.Equal("1234", line.Sku);
    }

    [Theory]
    [InlineData("""{"id":124,"line_items":[{"id":5,"quantity":"two"}]}""", "$.line_items[0].quantity")]
    [InlineData("""{"id":124,"total":"12,34.5x"}""", "$.total")]
    [InlineData("""{"id":"","currency":"USD"}""", "$.id")]
    [InlineData("""{"id":124,"line_items":[{"id":5,"quantity":1.5}]}""", "$.line_items[0].quantity")]
    public void Deserialize_HarmfulDrift_FailsWithThePath(string json, string path)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, WooJsonContext.Default.WooOrder));

        Assert.Equal(path, JsonPaths.Full(ex));
    }

    [Fact]
    public void Deserialize_RecordedRefund_HasNegativeQuantities()
    {
        var refund = Assert.Single(JsonSerializer.Deserialize(Recorded.Text("order_a_refunds_list.json"), WooJsonContext.Default.ListWooRefund)!);

        Assert.Equal(18.00m, refund.Amount);
        Assert.Equal(-1, refund.LineItems[0].Quantity);
        Assert.Equal(-18.00m, refund.LineItems[0].Total);
        Assert.Equal("5", refund.LineItems[0].MetaData.Single(m => m.Key == "_refunded_item_id").ValueText);
    }

    [Fact]
    public void Deserialize_RecordedProductsAndVariations_ReadStock()
    {
        var products = JsonSerializer.Deserialize(Recorded.Text("products_list.json"), WooJsonContext.Default.ListWooProduct)!;
        var variations = JsonSerializer.Deserialize(Recorded.Text("product_variations_list.json"), WooJsonContext.Default.ListWooProduct)!;
        var simple = JsonSerializer.Deserialize(Recorded.Text("product_simple.json"), WooJsonContext.Default.WooProduct)!;
        var variable = JsonSerializer.Deserialize(Recorded.Text("product_variable.json"), WooJsonContext.Default.WooProduct)!;

        Assert.Equal(5, products.Count);
        Assert.Equal(3, variations.Count);
        Assert.All(variations, v => Assert.Equal("119/" + v.Id, WooMapper.ItemId(v)));
        Assert.Equal(23, simple.StockQuantity);
        Assert.Equal("variable", variable.Type);
        Assert.Equal([120L, 121L, 122L], variable.Variations.Order());
    }
}

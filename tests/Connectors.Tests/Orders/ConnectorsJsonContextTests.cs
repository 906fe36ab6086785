using System.Text.Json;
using Connectors.Fulfillment.Internal;
using Connectors.Internal;
using Connectors.Orders.Internal;
using Connectors.Testing;

namespace Connectors.Tests.Orders;

public class ConnectorsJsonContextTests
{
    private static T RoundTrip<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, info), info)!;

    [Fact]
    public void ChannelOrder_RoundTrip_KeepsEveryField()
    {
        var order = new ChannelOrder(
            "a", "9", "eur",
            [new ChannelOrderLine("1", "gift-set", 2, new Money(12.50m, "EUR"), "GS", "Gift set", new Dictionary<string, string> { ["engraving"] = "Ada" })],
            ModelFactory.Epoch, ModelFactory.Epoch.AddHours(1), "#9", ChannelOrderStatus.OnHold, PaymentStatus.Authorized, FulfillmentStatus.PartiallyFulfilled,
            new Address { Name = "Ada", CountryCode = "GB" }, new Address { Name = "Bill" }, "ada@example.com", "express", new Money(4.95m, "EUR"), new Money(29.95m, "EUR"),
            "leave at door", ["vip"], new Dictionary<string, string> { ["gift"] = "yes" });

        var back = RoundTrip(order, ConnectorsJsonContext.Default.ChannelOrder);

        Assert.Equal(order.OrderId, back.OrderId);
        Assert.Equal(order.UpdatedAt, back.UpdatedAt);
        Assert.Equal(order.ShippingAddress, back.ShippingAddress);
        Assert.Equal(order.Total, back.Total);
        Assert.Equal(order.Tags, back.Tags);
        Assert.Equal("yes", back.Attributes["gift"]);
        Assert.Equal(order.PaymentStatus, back.PaymentStatus);
        Assert.Equal(order.Status, back.Status);
        var line = Assert.Single(back.Lines);
        Assert.Equal(order.Lines[0].UnitPrice, line.UnitPrice);
        Assert.Equal("Ada", line.Properties["engraving"]);
    }

    [Fact]
    public void OrderState_RoundTrip_KeepsSubmittedWarehouseOrder()
    {
        var order = ModelFactory.Order("a", "1", [("SKU-1", 2)]);
        var warehouse = new WarehouseOrder("a", "1", [new WarehouseOrderLine("1", "SKU-1", 2.5m, "1", new Money(10m, "EUR"))], "#1", order.ShippingAddress, "ups", 2, ["fragile"], new Dictionary<string, string> { ["k"] = "v" }, order.UpdatedAt);
        var state = new OrderState(order, warehouse, true, "why");

        var back = RoundTrip(state, ConnectorsJsonContext.Default.OrderState);

        Assert.False(OrderDiff.HasChanges(warehouse, back.Submitted!));
        Assert.Equal(warehouse.ChannelVersion, back.Submitted!.ChannelVersion);
        Assert.True(back.Acknowledged);
        Assert.Equal("why", back.Reason);
        Assert.Equal((order.Lines[0].LineId, order.Lines[0].Quantity, order.Lines[0].UnitPrice), (back.Order!.Lines[0].LineId, back.Order.Lines[0].Quantity, back.Order.Lines[0].UnitPrice));
    }

    [Fact]
    public void WarehouseShipmentAndReceipt_RoundTrip_KeepTrackingAndLines()
    {
        var shipment = ModelFactory.Shipment("S1", "a", "1", [("MUG", 1m), ("TEA", 2m)]);
        var receipt = new ReturnReceipt("R1", "a", "RET1", "1", [new ReturnReceiptLine("MUG", 1m, true, "3")], ModelFactory.Epoch);
        var tracking = new TrackingUpdatePayload("a", "1", "S1", [new TrackingInfo("1Z", new Uri("https://t.example/1Z"), "UPS")]);

        var shipmentBack = RoundTrip(shipment, ConnectorsJsonContext.Default.WarehouseShipment);
        var receiptBack = RoundTrip(receipt, ConnectorsJsonContext.Default.ReturnReceipt);
        var trackingBack = RoundTrip(tracking, ConnectorsJsonContext.Default.TrackingUpdatePayload);

        Assert.Equal(shipment.Lines, shipmentBack.Lines);
        Assert.Equal(shipment.Tracking, shipmentBack.Tracking);
        Assert.Equal(receipt.Lines, receiptBack.Lines);
        Assert.Equal(tracking.Tracking, trackingBack.Tracking);
    }

    [Fact]
    public void Deserialize_UnknownFieldsAndInvalidValues_ToleratedOrRejectedWithFieldPath()
    {
        const string extra = """{"sku":"A","quantity":2,"restock":true,"addedLater":1}""";
        const string invalid = """{"sku":"A","quantity":0,"restock":true}""";

        var line = JsonSerializer.Deserialize(extra, ConnectorsJsonContext.Default.ReturnReceiptLine);
        var error = Assert.Throws<ConnectorValidationException>(() => JsonSerializer.Deserialize(invalid, ConnectorsJsonContext.Default.ReturnReceiptLine));

        Assert.Equal(2m, line!.Quantity);
        Assert.Equal("Quantity", error.FieldPath);
    }
}

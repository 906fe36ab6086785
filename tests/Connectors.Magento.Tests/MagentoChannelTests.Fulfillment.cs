using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task CreateFulfillment_PartialThenRest_TwoShipmentsWithTracksAndOrderComplete()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3), MagentoEmulatorLine.Simple("B", 1)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;

        var first = await channel.CreateFulfillmentAsync(
            new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 2)], "s-1", "UPS", [new TrackingInfo("1Z999")]), Ct);
        var second = await channel.CreateFulfillmentAsync(
            new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 1), new FulfillmentLine(order.Lines[1].LineId, 1)], "s-2", "PostNL", [new TrackingInfo("3S123")]), Ct);

        Assert.NotEqual(first.FulfillmentId, second.FulfillmentId);
        Assert.Equal("complete", _emulator.GetOrderState(id));
        var listed = await channel.ListFulfillmentsAsync(order.OrderId, Ct);
        Assert.Equal(["s-1", "s-2"], listed.Select(f => f.IdempotencyKey));
        Assert.Equal("UPS", listed[0].Tracking.Single().Carrier);
        Assert.Equal(FulfillmentStatus.Fulfilled, (await channel.GetOrderAsync(order.OrderId, Ct))!.FulfillmentStatus);
        var ship = _emulator.Requests.First(r => r.Path.EndsWith("/ship", StringComparison.Ordinal));
        Assert.Contains("\"carrier_code\":\"ups\"", ship.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFulfillment_SameKeyAgain_NoSecondShipment()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        var request = new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 1)], "wms-shipment-9");

        var first = await channel.CreateFulfillmentAsync(request, Ct);
        var again = await channel.CreateFulfillmentAsync(request, Ct);

        Assert.Equal(first.FulfillmentId, again.FulfillmentId);
        Assert.Equal(1, _emulator.GetShipmentCount(id));
    }

    [Fact]
    public async Task CreateFulfillment_AnswerLost_TransientThenTheRetryFindsTheShipment()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, o => o.MaxRetries = 3, _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        var request = new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 3)], "wms-shipment-10");
        _emulator.InjectFault(MagentoEmulatorFault.LostAnswer, path: "/ship"); // the shipment is made, its answer never arrives

        // Retries are on (3), yet the ship request is sent once: the pipeline never repeats it.
        var lost = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => WhileAdvancingAsync(channel.CreateFulfillmentAsync(request, Ct), TimeSpan.FromSeconds(5), 40));
        Assert.True(lost.IsTransient);
        Assert.Equal(1, _emulator.GetShipmentCount(id));
        Assert.Equal(1, _emulator.Requests.Count(r => r.Path.EndsWith("/ship", StringComparison.Ordinal)));

        var retried = await channel.CreateFulfillmentAsync(request, Ct);

        Assert.Equal(1, _emulator.GetShipmentCount(id));
        Assert.Equal("wms-shipment-10", retried.IdempotencyKey);
    }

    [Fact]
    public async Task CreateFulfillment_ConfigurableAndBundleLines_ShipTheParentItems()
    {
        _emulator.AddConfigurableProduct("TEE", ["TEE-M"]);
        _emulator.AddProduct("MUG");
        _emulator.AddProduct("KIT", "bundle", 30m);
        _emulator.SetSourceQuantity("TEE-M", "default", 10);
        _emulator.SetSourceQuantity("MUG", "default", 10);
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Configurable("TEE", "TEE-M", 2), MagentoEmulatorLine.Bundle("KIT", 2, 30m, new Dictionary<string, int> { ["MUG"] = 2 })]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;

        await channel.CreateFulfillmentAsync(new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 1), new FulfillmentLine(order.Lines[1].LineId, 2)], "s-1"), Ct);

        Assert.Equal(9m, _emulator.GetSourceQuantity("TEE-M", "default"));
        Assert.Equal(8m, _emulator.GetSourceQuantity("MUG", "default"));
        var listed = Assert.Single(await channel.ListFulfillmentsAsync(order.OrderId, Ct));
        Assert.Equal([(order.Lines[0].LineId, 1), (order.Lines[1].LineId, 2)], listed.Lines.Select(l => (l.LineId, l.Quantity)));
        await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.CreateFulfillmentAsync(
            new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[1].LineId, 1)], "s-2"), Ct)); // half a bundle
    }

    [Fact]
    public async Task CreateFulfillment_MoreThanLeft_RefusedBeforeAnyWrite()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var order = (await services.Magento().GetOrderAsync(Id(id), Ct))!;

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => services.Magento().CreateFulfillmentAsync(
            new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 3)], "s-1"), Ct));

        Assert.Equal("Lines[0].Quantity", error.FieldPath);
        Assert.Equal(0, _emulator.GetShipmentCount(id));
    }

    [Fact]
    public async Task CreateFulfillment_OrderOnHold_MagentosRefusalIsAPermanentError()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        _emulator.HoldOrder(id);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var order = (await services.Magento().GetOrderAsync(Id(id), Ct))!;

        var error = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => services.Magento().CreateFulfillmentAsync(
            new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 1)], "s-1"), Ct));

        Assert.False(error.IsTransient);
        Assert.Contains("does not allow a shipment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateTracking_NewAndKnownNumbers_OnlyTheNewOneAddedOnce()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        var shipment = await channel.CreateFulfillmentAsync(
            new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 1)], "s-1", "UPS", [new TrackingInfo("1Z1")]), Ct);

        await channel.UpdateTrackingAsync(shipment.FulfillmentId, [new TrackingInfo("1Z1", carrier: "UPS"), new TrackingInfo("JVGL0001", carrier: "DHL")], Ct);
        await channel.UpdateTrackingAsync(shipment.FulfillmentId, [new TrackingInfo("JVGL0001", carrier: "DHL")], Ct);

        var listed = Assert.Single(await channel.ListFulfillmentsAsync(order.OrderId, Ct));
        Assert.Equal(["1Z1", "JVGL0001"], listed.Tracking.Select(t => t.Number));
        Assert.Equal(1, _emulator.Requests.Count(r => r.Path == "/V1/shipment/track"));
        Assert.Contains("\"carrier_code\":\"dhl\"", _emulator.Requests.Single(r => r.Path == "/V1/shipment/track").Body, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConnectorNotFoundException>(() => channel.UpdateTrackingAsync("999", [new TrackingInfo("X")], Ct));
    }
}

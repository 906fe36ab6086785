using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task GetOrder_ConfigurableAndBundle_MappedWithoutDoubleCounting()
    {
        _emulator.AddConfigurableProduct("TEE", ["TEE-S", "TEE-M"], 20m);
        _emulator.AddProduct("MUG");
        _emulator.AddProduct("KIT", "bundle", 30m);
        var id = _emulator.PlaceOrder(
        [
            MagentoEmulatorLine.Configurable("TEE", "TEE-M", 2, 20m),
            MagentoEmulatorLine.Bundle("KIT", 3, 30m, new Dictionary<string, int> { ["MUG"] = 2, ["TEE-S"] = 1 }),
            MagentoEmulatorLine.Simple("MUG", 1, 8m),
        ]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var order = (await services.Magento().GetOrderAsync(Id(id), Ct))!;

        var items = _emulator.GetOrderItems(id);
        Assert.Collection(
            order.Lines,
            tee =>
            {
                Assert.Equal(Id(items[0].ItemId), tee.LineId); // the configurable parent item: it carries the price and is what ships
                Assert.Equal("TEE-M", tee.ChannelItemId);
                Assert.Equal(2, tee.Quantity);
                Assert.Equal(new Money(20m, "EUR"), tee.UnitPrice);
            },
            mug =>
            {
                Assert.Equal("MUG", mug.ChannelItemId);
                Assert.Equal(6, mug.Quantity);
                Assert.Equal("KIT", mug.Properties["bundle_sku"]);
                Assert.Equal("3", mug.Properties["bundle_qty"]);
            },
            teeS => Assert.Equal(("TEE-S", 3), (teeS.ChannelItemId, teeS.Quantity)),
            single => Assert.Equal(("MUG", 1, 8m), (single.ChannelItemId, single.Quantity, single.UnitPrice.Amount)));
        Assert.Equal(2 + 6 + 3 + 1, order.Lines.Sum(l => l.Quantity));
        Assert.Equal("flatrate_flatrate", order.ShippingMethod);
        Assert.Equal("Oudegracht 1", order.ShippingAddress!.Line1);
        Assert.Equal("NL", order.ShippingAddress.CountryCode);
        Assert.Equal(PaymentStatus.Paid, order.PaymentStatus);
        Assert.Equal("100000001", order.OrderNumber);
    }

    [Theory]
    [InlineData("new", false, ChannelOrderStatus.Open, PaymentStatus.Pending)]
    [InlineData("pending_payment", false, ChannelOrderStatus.Open, PaymentStatus.Pending)]
    [InlineData("payment_review", false, ChannelOrderStatus.Open, PaymentStatus.Pending)]
    [InlineData("processing", true, ChannelOrderStatus.Open, PaymentStatus.Paid)]
    [InlineData("holded", true, ChannelOrderStatus.OnHold, PaymentStatus.Paid)]
    [InlineData("canceled", false, ChannelOrderStatus.Cancelled, PaymentStatus.Voided)]
    [InlineData("complete", true, ChannelOrderStatus.Completed, PaymentStatus.Paid)]
    [InlineData("closed", true, ChannelOrderStatus.Completed, PaymentStatus.Paid)]
    public async Task GetOrder_EachState_MapsStatusAndPayment(string state, bool paid, ChannelOrderStatus status, PaymentStatus payment)
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)], state, paid);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var order = (await services.Magento().GetOrderAsync(Id(id), Ct))!;

        Assert.Equal((status, payment), (order.Status, order.PaymentStatus));
    }

    [Fact]
    public async Task ListOrders_OrderUpdatedWhilePaging_NoOrderSkipped()
    {
        // Five orders with the same updated_at, pages of two. After the first page, order 1 is edited: with page numbers
        // every later order would move up one place and one would fall between pages unseen.
        var ids = Enumerable.Range(0, 5).Select(_ => _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)])).ToList();
        await using var services = TestHost.ForEmulator(_emulator, o => o.PageSize = 2, _time);
        var seen = new List<string>();

        await foreach (var order in services.Magento().ListOrdersAsync(_time.GetUtcNow().AddHours(-1), Ct))
        {
            seen.Add(order.OrderId);
            if (seen.Count == 2)
            {
                _time.Advance(TimeSpan.FromMinutes(1));
                _emulator.TouchOrder(ids[0]);
            }
        }

        Assert.Equal(ids.Select(Id).Append(Id(ids[0])), seen);
    }

    [Fact]
    public async Task ListOrders_Since_OnlyOrdersUpdatedAfterTheCursorLessTheOverlapAndOfTheStore()
    {
        var old = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        _time.Advance(TimeSpan.FromHours(1));
        var cursor = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(-1) + TimeSpan.FromMinutes(2)); // one minute after the cursor
        var recent = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        var otherStore = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)], storeId: 2);
        await using var services = TestHost.ForEmulator(_emulator, o => o.OrderStoreIds.Add(1), _time);

        var orders = await services.Magento().ListOrdersAsync(cursor, Ct).Select(o => o.OrderId).ToListAsync(Ct);

        Assert.Equal([Id(recent)], orders);
        Assert.DoesNotContain(Id(old), orders);
        Assert.DoesNotContain(Id(otherStore), orders);
    }

    [Fact]
    public async Task AcknowledgeOrder_Twice_OneCommentAndStatusKept()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var ack = new OrderAcknowledgement(Id(id), ReleaseDecision.Release, "WMS-77");

        await services.Magento().AcknowledgeOrderAsync(ack, Ct);
        await services.Magento().AcknowledgeOrderAsync(ack, Ct);

        var comment = Assert.Single(_emulator.GetOrderComments(id));
        Assert.Contains("WMS-77", comment, StringComparison.Ordinal);
        Assert.Equal("processing", _emulator.GetOrderState(id));
        Assert.Equal("processing", (await services.Magento().GetOrderAsync(Id(id), Ct))!.Attributes["status"]);
    }

    [Fact]
    public async Task AcknowledgeOrder_StatusOptedIn_SetsTheStatus()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 1)]);
        await using var services = TestHost.ForEmulator(_emulator, o => o.AcknowledgementStatus = "wms_received", _time);

        await services.Magento().AcknowledgeOrderAsync(new OrderAcknowledgement(Id(id), ReleaseDecision.Release, "WMS-1"), Ct);

        Assert.Equal("wms_received", (await services.Magento().GetOrderAsync(Id(id), Ct))!.Attributes["status"]);
    }

    [Fact]
    public async Task GetOrder_Missing_IsNull()
    {
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        Assert.Null(await services.Magento().GetOrderAsync("999", Ct));
        await Assert.ThrowsAsync<ConnectorValidationException>(() => services.Magento().GetOrderAsync("abc", Ct));
    }

    [Fact]
    public async Task ListItems_ConfigurableChildren_CarryTheirParentSku()
    {
        _emulator.AddProduct("MUG");
        _emulator.AddConfigurableProduct("TEE", ["TEE-S", "TEE-M"]);
        await using var services = TestHost.ForEmulator(_emulator, o => o.PageSize = 2, _time);

        var items = await services.Magento().ListItemsAsync(Ct).ToListAsync(Ct);

        Assert.Equal(["MUG", "TEE-S", "TEE-M", "TEE"], items.Select(i => i.ChannelItemId));
        Assert.Equal("TEE", items[1].ParentId);
        Assert.Equal("TEE", items[2].ParentId);
        Assert.Null(items[0].ParentId);
        Assert.False(items[3].TracksInventory);
        Assert.Equal("configurable", items[3].Attributes!["type_id"]);
    }
}

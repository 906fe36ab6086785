using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task ConfirmReturn_PartOfAShippedOrder_CreditMemoOfTheReceivedUnitsOnlyWithoutShippingAndBackToStock()
    {
        _emulator.AddProduct("A");
        _emulator.AddProduct("B");
        _emulator.SetSourceQuantity("A", "default", 10);
        _emulator.SetSourceQuantity("B", "default", 10);
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3, 12m), MagentoEmulatorLine.Simple("B", 1, 20m)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(order.OrderId, [new FulfillmentLine(order.Lines[0].LineId, 3), new FulfillmentLine(order.Lines[1].LineId, 1)], "s-1"), Ct);
        Assert.Equal(7m, _emulator.GetSourceQuantity("A", "default"));

        await channel.ConfirmReturnAsync(new ReturnConfirmation(order.OrderId, [new ReturnLine(order.Lines[0].LineId, 1)], restock: true, refund: true, "receipt-1"), Ct);

        var memo = Assert.Single(_emulator.GetCreditMemos(id));
        Assert.Equal(new Dictionary<long, decimal> { [long.Parse(order.Lines[0].LineId, System.Globalization.CultureInfo.InvariantCulture)] = 1 }, memo.Items);
        Assert.Equal(12m, memo.GrandTotal); // one unit; the shipping stays (Magento would refund all of it with a first memo left to itself)
        Assert.Contains("[connectors:return:receipt-1]", Assert.Single(memo.Comments), StringComparison.Ordinal);
        Assert.Equal(8m, _emulator.GetSourceQuantity("A", "default")); // return_to_stock_items: the shipped unit is back on its source
        Assert.Equal("complete", _emulator.GetOrderState(id));
        Assert.Contains(_emulator.GetOrderComments(id), c => c.Contains("[connectors:return:receipt-1]", StringComparison.Ordinal));
        Assert.Equal(PaymentStatus.PartiallyRefunded, (await channel.GetOrderAsync(order.OrderId, Ct))!.PaymentStatus);
    }

    [Fact]
    public async Task ConfirmReturn_SameReceiptTwice_OneCreditMemoAndOneComment()
    {
        _emulator.AddProduct("A");
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        var confirmation = new ReturnConfirmation(order.OrderId, [new ReturnLine(order.Lines[0].LineId, 1)], restock: false, refund: true, "receipt-2");

        await channel.ConfirmReturnAsync(confirmation, Ct);
        await channel.ConfirmReturnAsync(confirmation, Ct);

        Assert.Single(_emulator.GetCreditMemos(id));
        Assert.Single(_emulator.GetOrderComments(id), c => c.Contains("[connectors:return:receipt-2]", StringComparison.Ordinal));
        Assert.Equal(1, _emulator.Requests.Count(r => r.Path.EndsWith("/refund", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConfirmReturn_RefundAnswerLost_TransientThenTheRetryFindsTheCreditMemo()
    {
        _emulator.AddProduct("A");
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, o => o.MaxRetries = 3, _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        var confirmation = new ReturnConfirmation(order.OrderId, [new ReturnLine(order.Lines[0].LineId, 2)], restock: false, refund: true, "receipt-3");
        _emulator.InjectFault(MagentoEmulatorFault.LostAnswer, path: "/refund"); // the credit memo is made, its answer never arrives

        // The clock moves meanwhile: a retry by the pipeline (whose back-off waits on this clock) would have its chance.
        var lost = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => WhileAdvancingAsync(channel.ConfirmReturnAsync(confirmation, Ct), TimeSpan.FromSeconds(5), 40));
        Assert.True(lost.IsTransient);
        Assert.Single(_emulator.GetCreditMemos(id));
        Assert.Equal(1, _emulator.Requests.Count(r => r.Path.EndsWith("/refund", StringComparison.Ordinal))); // retries on, never repeated

        await channel.ConfirmReturnAsync(confirmation, Ct);

        Assert.Single(_emulator.GetCreditMemos(id));
        Assert.Equal("closed", _emulator.GetOrderState(id));
        Assert.Single(_emulator.GetOrderComments(id), c => c.Contains("credit memo 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmReturn_TwoReceipts_TwoPartialCreditMemosThenMoreThanLeftIsRefusedBeforeSending()
    {
        _emulator.AddProduct("A");
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var line = (await channel.GetOrderAsync(Id(id), Ct))!.Lines[0].LineId;

        await channel.ConfirmReturnAsync(new ReturnConfirmation(Id(id), [new ReturnLine(line, 1)], false, true, "r-a"), Ct);
        await channel.ConfirmReturnAsync(new ReturnConfirmation(Id(id), [new ReturnLine(line, 1)], false, true, "r-b"), Ct);
        var refused = await Assert.ThrowsAsync<ConnectorValidationException>(() => channel.ConfirmReturnAsync(new ReturnConfirmation(Id(id), [new ReturnLine(line, 2)], false, true, "r-c"), Ct));

        Assert.Equal(2, _emulator.GetCreditMemos(id).Count);
        Assert.Contains("1 invoiced and not refunded", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, _emulator.Requests.Count(r => r.Path.EndsWith("/refund", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ConfirmReturn_RefundOff_OnlyTheOrderComment()
    {
        _emulator.AddProduct("A");
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 2)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var line = (await channel.GetOrderAsync(Id(id), Ct))!.Lines[0].LineId;

        await channel.ConfirmReturnAsync(new ReturnConfirmation(Id(id), [new ReturnLine(line, 1)], restock: true, refund: false, "r-x"), Ct);

        Assert.Empty(_emulator.GetCreditMemos(id));
        Assert.Contains(_emulator.GetOrderComments(id), c => c.Contains("1 × line " + line + " (restock)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmReturn_ConfigurableAndBundleLines_RefundTheParentItems()
    {
        _emulator.AddConfigurableProduct("TEE", ["TEE-M"]);
        _emulator.AddProduct("A");
        _emulator.AddProduct("KIT", "bundle", 30m);
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Configurable("TEE", "TEE-M", 2, 15m), MagentoEmulatorLine.Bundle("KIT", 2, 30m, new Dictionary<string, int> { ["A"] = 2 })]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;
        var items = _emulator.GetOrderItems(id);
        var tee = order.Lines.Single(l => l.Sku == "TEE-M");
        var component = order.Lines.Single(l => l.Sku == "A");

        await channel.ConfirmReturnAsync(new ReturnConfirmation(order.OrderId, [new ReturnLine(tee.LineId, 1), new ReturnLine(component.LineId, 2)], restock: true, refund: true, "r-cb"), Ct);

        var memo = Assert.Single(_emulator.GetCreditMemos(id));
        var teeParent = items.Single(i => i.ProductType == "configurable").ItemId;
        var bundle = items.Single(i => i.ProductType == "bundle").ItemId;
        Assert.Equal(new Dictionary<long, decimal> { [teeParent] = 1, [bundle] = 1 }, memo.Items); // 2 of A is one bundle
        Assert.Equal(45m, memo.GrandTotal);
    }

    [Fact]
    public async Task PushInventory_ShippedUnitsOfAnOpenOrderReturnedAndRefunded_SalableStillEqualsAvailableToSell()
    {
        // Order of 3, one shipped (WMS: on hand 9, 2 reserved, ATS 7). The shipped unit comes back and is refunded without
        // restock (WMS: on hand 10, ATS 8). Magento's reservation is still -2: the refund of a shipped unit compensates
        // nothing. Counting shipped + refunded as closed would add back only 1, and Magento would sell 7.
        _emulator.AddProduct("A");
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        await channel.PushInventoryAsync([new InventoryTarget("A", InventoryTarget.DefaultLocation, 7)], Ct);
        var line = (await channel.GetOrderAsync(Id(id), Ct))!.Lines[0].LineId;
        await channel.CreateFulfillmentAsync(new FulfillmentRequest(Id(id), [new FulfillmentLine(line, 1)], "s-1"), Ct);
        await channel.ConfirmReturnAsync(new ReturnConfirmation(Id(id), [new ReturnLine(line, 1)], restock: false, refund: true, "r-1"), Ct);
        Assert.Equal(-2m, _emulator.GetReservationTotal("A"));

        await channel.PushInventoryAsync([new InventoryTarget("A", InventoryTarget.DefaultLocation, 8)], Ct);

        Assert.Equal(8m, _emulator.GetSalableQuantity("A"));
    }

    [Fact]
    public async Task ListReturnRequests_OpenSourceWithoutRma_EmptyAndNotAskedAgain()
    {
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();

        Assert.Empty(await channel.ListReturnRequestsAsync(_time.GetUtcNow().AddDays(-1), Ct).ToListAsync(Ct));
        Assert.Empty(await channel.ListReturnRequestsAsync(_time.GetUtcNow().AddDays(-1), Ct).ToListAsync(Ct));

        Assert.Equal(1, _emulator.Requests.Count(r => r.Path == "/V1/returns"));
        Assert.True(channel.Capabilities.SupportsReturns);
    }

    [Fact]
    public async Task ListReturnRequests_AdobeCommerceRma_RequestsOnTheOrderLinesWithoutRefusedOnes()
    {
        _emulator.RmaEnabled = true;
        _emulator.AddProduct("A");
        _emulator.AddConfigurableProduct("TEE", ["TEE-M"]);
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3), MagentoEmulatorLine.Configurable("TEE", "TEE-M", 2)]);
        var items = _emulator.GetOrderItems(id);
        var a = items.Single(i => i.Sku == "A").ItemId;
        var teeChild = items.Single(i => i.Sku == "TEE-M" && i.ParentItemId is not null).ItemId;
        var rma = _emulator.RequestReturn(id, [(a, 2), (teeChild, 1)]);
        _emulator.RequestReturn(id, [(a, 1)], status: "rejected");
        var old = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromDays(2));
        var later = _emulator.RequestReturn(id, [(a, 1)], status: "authorized");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var order = (await channel.GetOrderAsync(Id(id), Ct))!;

        var all = await channel.ListReturnRequestsAsync(old.AddMinutes(-1), Ct).ToListAsync(Ct);
        var recent = await channel.ListReturnRequestsAsync(old.AddDays(1), Ct).ToListAsync(Ct);

        Assert.Equal([$"{id}/{rma}", $"{id}/{later}"], all.Select(r => r.ReturnId));
        var first = all[0];
        Assert.Equal(Id(id), first.ChannelOrderId);
        Assert.Equal(old, first.RequestedAt);
        Assert.Equal([(order.Lines[0].LineId, 2), (order.Lines[1].LineId, 1)], first.Lines.Select(l => (l.LineId, l.Quantity)));
        Assert.Equal("TEE-M", first.Lines[1].ChannelItemId);
        Assert.Equal("wrong size", first.Lines[0].Reason);
        Assert.Equal($"{id}/{later}", Assert.Single(recent).ReturnId);
    }

    [Fact]
    public async Task ConfirmReturn_Rma_CreditMemoAndAnRmaCommentOnceEach()
    {
        _emulator.RmaEnabled = true;
        _emulator.AddProduct("A");
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("A", 3)]);
        var rma = _emulator.RequestReturn(id, [(_emulator.GetOrderItems(id)[0].ItemId, 2)], status: "authorized");
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        var channel = services.Magento();
        var request = Assert.Single(await channel.ListReturnRequestsAsync(_time.GetUtcNow().AddHours(-1), Ct).ToListAsync(Ct));
        var confirmation = new ReturnConfirmation(request.ReturnId, request.Lines, restock: true, refund: true, "receipt-rma");

        await channel.ConfirmReturnAsync(confirmation, Ct);
        await channel.ConfirmReturnAsync(confirmation, Ct);

        Assert.Equal(2m, Assert.Single(_emulator.GetCreditMemos(id)).Items.Values.Single());
        var comment = Assert.Single(_emulator.GetReturnComments(rma));
        Assert.Contains("[connectors:return:receipt-rma]", comment, StringComparison.Ordinal);
        Assert.DoesNotContain(_emulator.GetOrderComments(id), c => c.Contains("[connectors:return:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfirmReturn_NotAnOrderOrRmaId_ValidationErrorNamingTheField()
    {
        await using var services = TestHost.ForEmulator(_emulator, time: _time);

        var refused = await Assert.ThrowsAsync<ConnectorValidationException>(() => services.Magento().ConfirmReturnAsync(new ReturnConfirmation("12/x", [new ReturnLine("1", 1)], false, true, "k"), Ct));

        Assert.Contains("ReturnId", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }
}

using Connectors.Testing;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed partial class SapEwmWarehouseTests
{
    private static WarehouseOrder Order(string id = "1001", Address? shipTo = null, params (string Sku, decimal Qty)[] lines) =>
        new(
            "shop-a",
            id,
            [.. (lines.Length == 0 ? [("TG11", 2m), ("TG12", 1m)] : lines).Select((l, i) => new WarehouseOrderLine($"L{i + 1}", l.Sku, l.Qty, $"C{i + 1}"))],
            orderNumber: "#" + id,
            shipTo: shipTo ?? new Address
            {
                Name = "Ada Lovelace",
                Line1 = "12 Analytical Way",
                City = "London",
                PostalCode = "N1 9GU",
                CountryCode = "gb",
                Phone = "+44 20 1234",
                Email = "ada@example.com",
            });

    private static Action<SapEwmEmulator> Products => e => e.AddProducts("TG11", "TG12");

    [Fact]
    public async Task SubmitOrderAsync_NewOrder_CreatesSalesOrderByDeepInsertWithShipToAndReference()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var result = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        var number = Assert.Single(host.Emulator.SalesOrdersWithReference("shop-a:1001"));
        Assert.Equal(number, result.WarehouseReference);
        Assert.Equal("OR", host.Emulator.SalesOrderField(number, "SalesOrderType"));
        Assert.Equal("TG11", host.Emulator.SalesOrderField(number, "Material", "10"));
        Assert.Equal("2", host.Emulator.SalesOrderField(number, "RequestedQuantity", "10"));
        Assert.Equal("TG12", host.Emulator.SalesOrderField(number, "Material", "20"));
        var address = host.Emulator.ShipToAddress(number);
        Assert.Equal("Ada Lovelace", address["OrganizationName1"]);
        Assert.Equal("12 Analytical Way", address["StreetName"]);
        Assert.Equal("GB", address["Country"]);
        var post = Assert.Single(host.Emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/A_SalesOrder", StringComparison.Ordinal));
        Assert.Contains("\"to_Partner\":[{\"PartnerFunction\":\"SH\"", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitOrderAsync_SameKeyTwice_FindsTheFirstAndCreatesNothing()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var first = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);
        var second = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        Assert.Equal(first.WarehouseReference, second.WarehouseReference);
        Assert.Equal(1, host.Emulator.SalesOrderCount);
    }

    [Fact]
    public async Task SubmitOrderAsync_AnswerLostAfterCreation_TransientAndTheRetryFindsTheOrder()
    {
        await using var host = await SapTestHost.StartAsync(o => o.MaxRetries = 3, Products);
        host.Emulator.InjectFault(SapEwmEmulatorFault.LoseAnswer, 1, method: "POST");

        var failure = await Assert.ThrowsAnyAsync<ConnectorException>(() => host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct));
        Assert.True(failure.IsTransient);
        Assert.Equal(1, host.Emulator.SalesOrderCount);
        Assert.Equal(1, host.Emulator.Requests.Count(r => r.Method == "POST")); // the pipeline did not send the POST again

        var retry = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, retry.Outcome);
        Assert.Equal(1, host.Emulator.SalesOrderCount);
    }

    [Fact]
    public async Task SubmitOrderAsync_KeyLongerThanBothReferenceFields_RefusedNamingTheFields()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var result = await host.Warehouse_.SubmitOrderAsync(Order(), "a-very-long-channel-name:" + new string('9', 46), Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("(PurchaseOrderByCustomer and PurchaseOrderByShipToParty) hold 70", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.SalesOrderCount);
    }

    [Fact]
    public async Task SubmitOrderAsync_ShopifyGidKeyOverOneField_ContinuesInTheOtherFoundOnRetryAndShipped()
    {
        // A Shopify order id is a GID: 'shopify-demo:gid://shopify/Order/9007199254741056' is 49 characters.
        const string key = "shopify-demo:gid://shopify/Order/9007199254741056";
        await using var host = await SapTestHost.StartAsync(emulator: e => e.AddStock("1710", "TG11", 10));
        var order = new WarehouseOrder("shopify-demo", "gid://shopify/Order/9007199254741056", [new WarehouseOrderLine("L1", "TG11", 1, "C1")], shipTo: new Address
        {
            Name = "Ada",
            CountryCode = "DE",
        });

        var first = await host.Warehouse_.SubmitOrderAsync(order, key, Ct);
        var second = await host.Warehouse_.SubmitOrderAsync(order, key, Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, first.Outcome);
        Assert.Equal(first.WarehouseReference, second.WarehouseReference);
        Assert.Equal(1, host.Emulator.SalesOrderCount);
        Assert.Equal(key[..35], host.Emulator.SalesOrderField(first.WarehouseReference!, "PurchaseOrderByCustomer"));
        Assert.Equal(key[35..], host.Emulator.SalesOrderField(first.WarehouseReference!, "PurchaseOrderByShipToParty"));

        host.Emulator.PostGoodsIssue(Assert.Single(host.Emulator.DeliveriesOf(first.WarehouseReference!)));
        await host.Poller.PollAsync(Ct);
        var shipment = Assert.Single(host.Events.Shipments);
        Assert.Equal(("shopify-demo", "gid://shopify/Order/9007199254741056"), (shipment.Channel, shipment.ChannelOrderId));
        Assert.Equal(WarehouseOrderOutcome.Refused, (await host.Warehouse_.CancelOrderAsync("shopify-demo", "gid://shopify/Order/9007199254741056", null, Ct)).Outcome); // found, and shipped
    }

    [Fact]
    public async Task SubmitOrderAsync_FieldTooLongForSap_RefusedNamingTheField()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var result = await host.Warehouse_.SubmitOrderAsync(Order(shipTo: new Address
        {
            Name = new string('x', 41),
            CountryCode = "DE",
        }), "shop-a:1001", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("ShipTo.Name (OrganizationName1) is 41 characters; SAP holds 40", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitOrderAsync_UnknownMaterial_ThrowsTypedSapErrorWithDetails()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var error = await Assert.ThrowsAsync<SapRequestFailedException>(() => host.Warehouse_.SubmitOrderAsync(Order(lines: ("NOPE", 1m)), "shop-a:1001", Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("V1/390", error.SapCode);
        Assert.Equal("Material NOPE does not exist", error.SapMessage);
        var detail = Assert.Single(error.Details);
        Assert.Equal("Material", detail.Target);
        Assert.Equal("error", detail.Severity);
        Assert.NotNull(error.TransactionId);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task SubmitOrderAsync_ShipToPartnerFunctionConfigured_SendsIt()
    {
        await using var host = await SapTestHost.StartAsync(o => { o.ShipToPartnerFunction = "WE"; o.ShipToParty = "17100002"; }, Products);

        await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        var post = Assert.Single(host.Emulator.Requests, r => r.Method == "POST" && r.Path.EndsWith("/A_SalesOrder", StringComparison.Ordinal));
        Assert.Contains("\"PartnerFunction\":\"WE\",\"Customer\":\"17100002\"", post.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOrderAsync_PickingNotStarted_AdjustsDeliveryQuantitiesToZero()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var submitted = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(submitted.WarehouseReference!));

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "1001", "customer asked", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.All(host.Emulator.DeliveryItems(delivery), i => Assert.Equal(0m, i.Quantity));
        Assert.Equal(2, host.Emulator.Requests.Count(r => r.Path.EndsWith("/SAP__self.AdjustDeliveryItemQuantity", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CancelOrderAsync_DeliveryZeroedAndRejectionReasonSet_AlsoRejectsTheSalesOrderItems()
    {
        await using var host = await SapTestHost.StartAsync(o => o.RejectionReason = "10", Products);
        var submitted = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "1001", null, Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.All(host.Emulator.DeliveryItems(Assert.Single(host.Emulator.DeliveriesOf(submitted.WarehouseReference!))), i => Assert.Equal(0m, i.Quantity));
        Assert.Equal("10", host.Emulator.SalesOrderField(submitted.WarehouseReference!, "SalesDocumentRjcnReason", "10"));
        Assert.Equal("10", host.Emulator.SalesOrderField(submitted.WarehouseReference!, "SalesDocumentRjcnReason", "20"));
    }

    [Fact]
    public async Task CancelOrderAsync_PickingStarted_RefusedWithTheReason()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var submitted = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(submitted.WarehouseReference!));
        host.Emulator.StartPicking(delivery);

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "1001", null, Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("picking has started", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Path.EndsWith("/SAP__self.AdjustDeliveryItemQuantity", StringComparison.Ordinal));
        Assert.All(host.Emulator.DeliveryItems(delivery), i => Assert.True(i.Quantity > 0));
    }

    [Fact]
    public async Task CancelOrderAsync_GoodsIssued_Refused()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var submitted = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);
        host.Emulator.PostGoodsIssue(Assert.Single(host.Emulator.DeliveriesOf(submitted.WarehouseReference!)));

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "1001", null, Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("goods issue is already posted", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOrderAsync_NoDeliveryYetAndRejectionReasonSet_RejectsItemsWithIfMatch()
    {
        await using var host = await SapTestHost.StartAsync(o => o.RejectionReason = "10", e => { Products(e); e.HoldDeliveries = true; });
        var submitted = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "1001", null, Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Equal("10", host.Emulator.SalesOrderField(submitted.WarehouseReference!, "SalesDocumentRjcnReason", "10"));
        Assert.Equal("10", host.Emulator.SalesOrderField(submitted.WarehouseReference!, "SalesDocumentRjcnReason", "20"));
        var patches = host.Emulator.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, patches.Count);
        Assert.All(patches, p => Assert.StartsWith("W/\"", p.Headers["If-Match"], StringComparison.Ordinal));
        host.Emulator.ReleaseDeliveries();
        Assert.Empty(host.Emulator.DeliveriesOf(submitted.WarehouseReference!)); // rejected items make no delivery
    }

    [Fact]
    public async Task CancelOrderAsync_NoDeliveryYetAndNoRejectionReason_Refused()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { Products(e); e.HoldDeliveries = true; });
        await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "1001", null, Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("no RejectionReason is configured", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOrderAsync_UnknownOrder_RefusedNamingTheReference()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var result = await host.Warehouse_.CancelOrderAsync("shop-a", "404", null, Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("'shop-a:404'", result.Reason, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed partial class SapEwmWarehouseTests
{
    private static bool IsAdjust(SapEwmEmulatorRequest r) => r.Path.EndsWith("/SAP__self.AdjustDeliveryItemQuantity", StringComparison.Ordinal);

    [Fact]
    public async Task UpdateOrderAsync_QuantityReducedBeforeDelivery_PatchesSalesOrderItemWithIfMatchAndTheDeliveryTakesIt()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { Products(e); e.HoldDeliveries = true; });
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 1m), ("TG12", 1m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Equal(salesOrder, result.WarehouseReference);
        Assert.Equal("1", host.Emulator.SalesOrderField(salesOrder, "RequestedQuantity", "10"));
        Assert.Equal("1", host.Emulator.SalesOrderField(salesOrder, "RequestedQuantity", "20"));
        var patch = Assert.Single(host.Emulator.Requests, r => r.Method == "PATCH");
        Assert.Contains("A_SalesOrderItem(SalesOrder='" + salesOrder + "',SalesOrderItem='10')", Uri.UnescapeDataString(patch.Path), StringComparison.Ordinal);
        Assert.Equal("{\"RequestedQuantity\":\"1\"}", patch.Body);
        Assert.StartsWith("W/\"", patch.Headers["If-Match"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(patch.Headers["x-csrf-token"]));
        host.Emulator.ReleaseDeliveries();
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(salesOrder));
        Assert.Equal(1m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);
    }

    [Fact]
    public async Task UpdateOrderAsync_LineRemovedBeforeDelivery_RejectsTheItemSoNoDeliveryHoldsIt()
    {
        await using var host = await SapTestHost.StartAsync(o => o.RejectionReason = "10", e => { Products(e); e.HoldDeliveries = true; });
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 2m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Equal("10", host.Emulator.SalesOrderField(salesOrder, "SalesDocumentRjcnReason", "20"));
        Assert.Equal(string.Empty, host.Emulator.SalesOrderField(salesOrder, "SalesDocumentRjcnReason", "10"));
        host.Emulator.ReleaseDeliveries();
        var item = Assert.Single(host.Emulator.DeliveryItems(Assert.Single(host.Emulator.DeliveriesOf(salesOrder))));
        Assert.Equal(("TG11", 2m), (item.Product, item.Quantity));
    }

    [Fact]
    public async Task UpdateOrderAsync_QuantityReducedPickingNotStarted_PatchesDeliveryItemThenSalesOrderItem()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(lines: [("TG11", 5m), ("TG12", 1m)]), "shop-a:1001", Ct)).WarehouseReference!;
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(salesOrder));

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 3m), ("TG12", 1m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        Assert.Equal(3m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);
        Assert.Equal(1m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG12").Quantity);
        Assert.Equal("3", host.Emulator.SalesOrderField(salesOrder, "RequestedQuantity", "10"));
        var patches = host.Emulator.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(2, patches.Count);
        Assert.Contains("/WhseOutboundDeliveryOrderItem/", patches[0].Path, StringComparison.Ordinal);
        Assert.Equal("{\"ProductQuantity\":3}", patches[0].Body);
        Assert.All(patches, p => Assert.StartsWith("W/\"", p.Headers["If-Match"], StringComparison.Ordinal));
        Assert.Contains("A_SalesOrderItem", patches[1].Path, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Requests, IsAdjust);
    }

    [Fact]
    public async Task UpdateOrderAsync_LineRemovedPickingNotStarted_AdjustsTheDeliveryItemToZeroAndRejectsTheSalesOrderItem()
    {
        await using var host = await SapTestHost.StartAsync(o => o.RejectionReason = "10", Products);
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(salesOrder));

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 2m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        var adjust = Assert.Single(host.Emulator.Requests, IsAdjust);
        Assert.Contains("/WhseOutboundDeliveryOrderItem/" + delivery + "/20/", adjust.Path, StringComparison.Ordinal);
        Assert.Equal(0m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG12").Quantity);
        Assert.Equal(2m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);
        Assert.Equal("10", host.Emulator.SalesOrderField(salesOrder, "SalesDocumentRjcnReason", "20"));
    }

    [Fact]
    public async Task UpdateOrderAsync_PickingStarted_RefusedNamingTheDeliveryAndNothingChanged()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(lines: [("TG11", 5m), ("TG12", 1m)]), "shop-a:1001", Ct)).WarehouseReference!;
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(salesOrder));
        host.Emulator.StartPicking(delivery);

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 3m), ("TG12", 1m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("picking has started for outbound delivery order " + delivery, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Method is "PATCH" || IsAdjust(r));
        Assert.Equal(5m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);
    }

    [Fact]
    public async Task UpdateOrderAsync_IncreaseOrNewLine_RefusedNamingEach()
    {
        await using var host = await SapTestHost.StartAsync(emulator: e => { Products(e); e.AddProducts("TG13"); });
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 4m), ("TG12", 1m), ("TG13", 1m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("the quantity of TG11 rises from 2 to 4", result.Reason, StringComparison.Ordinal);
        Assert.Contains("line TG13 is new", result.Reason, StringComparison.Ordinal);
        Assert.Contains(salesOrder, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Method is "PATCH" || IsAdjust(r));
    }

    [Fact]
    public async Task UpdateOrderAsync_AddressChanged_RefusedNamingTheChangedFields()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;
        var moved = new Address { Name = "Ada Lovelace", Line1 = "1 New Street", City = "Leeds", PostalCode = "LS1 1AA", CountryCode = "gb" };

        var result = await host.Warehouse_.UpdateOrderAsync(Order(shipTo: moved), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("the ship-to address changed (StreetName, CityName, PostalCode)", result.Reason, StringComparison.Ordinal);
        Assert.Contains("change the ship-to address of sales order " + salesOrder, result.Reason, StringComparison.Ordinal);
        Assert.Contains(host.Emulator.Requests, r => r.Method == "GET" && Uri.UnescapeDataString(r.Path).EndsWith("A_SalesOrderHeaderPartner(SalesOrder='" + salesOrder + "',PartnerFunction='SH')/to_Address", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Method is "PATCH" || IsAdjust(r));
    }

    [Fact]
    public async Task UpdateOrderAsync_QuantityReducedAndAddressChanged_RefusedWholeAndNothingChanged()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;
        var moved = new Address { Name = "Ada Lovelace", Line1 = "1 New Street", City = "London", PostalCode = "N1 9GU", CountryCode = "GB" };

        var result = await host.Warehouse_.UpdateOrderAsync(Order(shipTo: moved, lines: [("TG11", 1m), ("TG12", 1m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("the ship-to address changed (StreetName)", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Method is "PATCH" || IsAdjust(r));
        Assert.Equal(2m, host.Emulator.DeliveryItems(Assert.Single(host.Emulator.DeliveriesOf(salesOrder))).Single(i => i.Product == "TG11").Quantity);
    }

    [Fact]
    public async Task UpdateOrderAsync_LinesAndAddressUnchanged_RefusedNamingTheShippingMethod()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct)).WarehouseReference!;

        var result = await host.Warehouse_.UpdateOrderAsync(Order(), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("the lines and the ship-to address already match sales order " + salesOrder, result.Reason, StringComparison.Ordinal);
        Assert.Contains("shipping method", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Method is "PATCH" || IsAdjust(r));
    }

    [Fact]
    public async Task UpdateOrderAsync_LineRemovedWithoutRejectionReason_RefusedNamingTheSetting()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);
        await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        var result = await host.Warehouse_.UpdateOrderAsync(Order(lines: [("TG11", 2m)]), "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("line TG12 was removed, and no RejectionReason is configured", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateOrderAsync_PickingStartsBetweenReadAndChange_IfMatchStopsItAndTheRetryRefuses()
    {
        SapEwmEmulator? emulator = null;
        await using var host = await SapTestHost.StartAsync(
            emulator: e => { Products(e); emulator = e; },
            more: s => s.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new BeforeSend(request =>
            {
                // A picker confirms the first task just as the change is on its way.
                if (request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.Contains("/WhseOutboundDeliveryOrderItem/", StringComparison.Ordinal))
                {
                    emulator!.StartPicking(request.RequestUri.Segments[^2].TrimEnd('/'));
                }
            }))));
        var salesOrder = (await host.Warehouse_.SubmitOrderAsync(Order(lines: [("TG11", 5m), ("TG12", 1m)]), "shop-a:1001", Ct)).WarehouseReference!;
        var delivery = Assert.Single(host.Emulator.DeliveriesOf(salesOrder));

        var changed = Order(lines: [("TG11", 3m), ("TG12", 1m)]);

        // Picking changed the item's ETag: the change is not applied over it, and the failure is transient.
        var stale = await Assert.ThrowsAsync<SapRequestFailedException>(() => host.Warehouse_.UpdateOrderAsync(changed, "shop-a:1001:2", Ct));
        Assert.Equal(((int?)412, true), (stale.StatusCode, stale.IsTransient));
        Assert.Equal(5m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);

        // The engine's retry reads again and finds picking started.
        var retry = await host.Warehouse_.UpdateOrderAsync(changed, "shop-a:1001:2", Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, retry.Outcome);
        Assert.Contains("picking has started for outbound delivery order " + delivery, retry.Reason, StringComparison.Ordinal);
        Assert.Equal(5m, host.Emulator.DeliveryItems(delivery).Single(i => i.Product == "TG11").Quantity);
        Assert.Equal("5", host.Emulator.SalesOrderField(salesOrder, "RequestedQuantity", "10"));
    }

    private sealed class BeforeSend(Action<HttpRequestMessage> before) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            before(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed partial class SapEwmWarehouseTests
{
    private static ExpectedReturn Return(string id = "R1", string orderId = "1001", string sku = "TG11") =>
        new()
        {
            Channel = "shop-a",
            ReturnId = id,
            ChannelOrderId = orderId,
            Lines = [new WarehouseShipmentLine(sku, 1, "L1")],
        };

    [Fact]
    public async Task ExpectReturnAsync_OrderInSap_CreatesCustomerReturnWithReferenceToTheSalesOrder()
    {
        await using var host = await SapTestHost.StartAsync(o => o.ReturnReason = "101", Products);
        var order = await host.Warehouse_.SubmitOrderAsync(Order(), "shop-a:1001", Ct);

        var result = await host.Services.GetRequiredService<IWarehouseReturns>().ExpectReturnAsync(Return(), Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, result.Outcome);
        var number = result.WarehouseReference!;
        Assert.Equal("shop-a:R1", host.Emulator.CustomerReturnField(number, "PurchaseOrderByCustomer"));
        Assert.Equal(order.WarehouseReference, host.Emulator.CustomerReturnField(number, "ReferenceSDDocument"));
        Assert.Equal("CBAR", host.Emulator.CustomerReturnField(number, "CustomerReturnType"));
        Assert.Equal("TG11", host.Emulator.CustomerReturnField(number, "Material", "10"));
        Assert.Equal("101", host.Emulator.CustomerReturnField(number, "ReturnReason", "10"));
    }

    [Fact]
    public async Task ExpectReturnAsync_SameReturnTwice_FindsTheFirst()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var first = await host.Warehouse_.ExpectReturnAsync(Return(), Ct);
        var second = await host.Warehouse_.ExpectReturnAsync(Return(), Ct);

        Assert.Equal(first.WarehouseReference, second.WarehouseReference);
        Assert.Equal(1, host.Emulator.CustomerReturnCount);
        Assert.Null(host.Emulator.CustomerReturnField(first.WarehouseReference!, "ReferenceSDDocument")); // no sales order carried the order's key
    }

    [Fact]
    public async Task ExpectReturnAsync_UnknownMaterial_TypedSapError()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var error = await Assert.ThrowsAsync<SapRequestFailedException>(() => host.Warehouse_.ExpectReturnAsync(Return(sku: "NOPE"), Ct));

        Assert.Equal("V1/390", error.SapCode);
        Assert.Equal(0, host.Emulator.CustomerReturnCount);
    }

    [Fact]
    public async Task ExpectReturnAsync_ShopifyLengthReturnKey_ContinuesInAssignmentAndRetryFindsIt()
    {
        const string returnId = "gid://shopify/Return/1234567890123";
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var first = await host.Warehouse_.ExpectReturnAsync(Return(id: returnId), Ct);
        var second = await host.Warehouse_.ExpectReturnAsync(Return(id: returnId), Ct);

        Assert.Equal(WarehouseOrderOutcome.Accepted, first.Outcome);
        Assert.Equal(first.WarehouseReference, second.WarehouseReference);
        Assert.Equal(1, host.Emulator.CustomerReturnCount);
        var key = "shop-a:" + returnId;
        Assert.Equal(key[..35], host.Emulator.CustomerReturnField(first.WarehouseReference!, "PurchaseOrderByCustomer"));
        Assert.Equal(key[35..], host.Emulator.CustomerReturnField(first.WarehouseReference!, "AssignmentReference"));
    }

    [Fact]
    public async Task ExpectReturnAsync_KeyOverBothFields_Refused()
    {
        await using var host = await SapTestHost.StartAsync(emulator: Products);

        var result = await host.Warehouse_.ExpectReturnAsync(Return(id: new string('9', 47)), Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains("AssignmentReference", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.CustomerReturnCount);
    }

    [Fact]
    public async Task ExpectReturnAsync_CustomerReturnsOff_HandedToTheHostAndNoCustomerReturnCreated()
    {
        var handler = new RecordingReturnHandler();
        await using var host = await SapTestHost.StartAsync(o => o.CreateCustomerReturns = false, Products, s => s.AddSingleton<ISapEwmReturnHandler>(handler));

        var result = await host.Services.GetRequiredService<IWarehouseReturns>().ExpectReturnAsync(Return(), Ct);

        Assert.Equal(WarehouseOrderResult.Accepted("RMA-R1"), result);
        Assert.Equal("R1", Assert.Single(handler.Returns).ReturnId);
        Assert.Equal(0, host.Emulator.CustomerReturnCount);
        Assert.DoesNotContain(host.Emulator.Requests, r => r.Path.Contains("A_CustomerReturn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExpectReturnAsync_CustomerReturnsOffWithoutHandler_RefusedNamingTheHandler()
    {
        await using var host = await SapTestHost.StartAsync(o => o.CreateCustomerReturns = false, Products);

        var result = await host.Warehouse_.ExpectReturnAsync(Return(), Ct);

        Assert.Equal(WarehouseOrderOutcome.Refused, result.Outcome);
        Assert.Contains(nameof(ISapEwmReturnHandler), result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.CustomerReturnCount);
    }

    private sealed class RecordingReturnHandler : ISapEwmReturnHandler
    {
        public List<ExpectedReturn> Returns { get; } = [];

        public Task<WarehouseOrderResult> ExpectReturnAsync(ExpectedReturn expectedReturn, CancellationToken cancellationToken = default)
        {
            Returns.Add(expectedReturn);
            return Task.FromResult(WarehouseOrderResult.Accepted("RMA-" + expectedReturn.ReturnId));
        }
    }
}

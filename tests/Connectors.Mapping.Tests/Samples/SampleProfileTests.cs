using Connectors.Mapping.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Mapping.Tests.Samples;

/// <summary>
/// docs/mapping-profile.sample.json, loaded as appsettings, maps the documented WooCommerce "Retrieve an order"
/// payload (../shared/contracts/woocommerce/_orders.md, copied to Fixtures/woocommerce-order-727.json) to the WMS order
/// docs/mapping.md describes.
/// </summary>
public class SampleProfileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static async Task<IHost> StartHostAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonFile(Fixture("mapping-profile.sample.json"), optional: false);
        builder.Services.AddConnectors().AddChannel("woo-main", "woocommerce", _ => new Testing.FakeChannel("woo-main")).AddMapping(builder.Configuration.GetSection("Mapping"));
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    private static ChannelOrder WooOrder() =>
        WooCommerceOrderJson.ToChannelOrder("woo-main", File.ReadAllText(Fixture("woocommerce-order-727.json")));

    [Fact]
    public async Task SampleProfile_DocumentedWooCommerceOrder_ProducesExpectedWmsOrder()
    {
        using var host = await StartHostAsync();
        var mapper = host.Services.GetRequiredService<IOrderMapper>();

        var result = await mapper.MapOrderAsync(WooOrder(), Ct);

        var order = result.Order;
        Assert.Equal(ReleaseDecision.Release, result.Release);
        Assert.Null(result.Reason);
        Assert.Null(result.Warnings);
        Assert.Equal(("woo-main", "727", "727"), (order.Channel, order.ChannelOrderId, order.OrderNumber));
        Assert.Equal(
            [("315", "WOO-SINGLE-1", 2m, "315", (Money?)new Money(3m, "USD")), ("316:0", "SYI-TEE-BLK-M", 1m, "316", null), ("316:1", "STICKER-SET", 1m, "316", null)],
            order.Lines.Select(l => (l.LineId, l.Sku, l.Quantity, l.ChannelLineId, l.UnitPrice)));
        Assert.Equal(
            new Address
            {
                Name = "John Doe",
                Line1 = "969 Market",
                City = "San Francisco",
                Province = "CA",
                ProvinceCode = "CA",
                PostalCode = "94103",
                CountryCode = "US",
                Phone = "+15555555555",
            },
            order.ShipTo);
        Assert.Equal("UPS-GROUND", order.CarrierService);
        Assert.Equal(0, order.Priority);

        // Placed Wednesday 22 March 2017 19:28 UTC = 15:28 in New York (EDT), after the 14:00 cut-off: handling starts
        // Thursday, one handling day, ship by Friday 24 March 14:00 EDT.
        Assert.Equal(new DateTimeOffset(2017, 3, 24, 18, 0, 0, TimeSpan.Zero), order.ShipBy);
        Assert.Empty(order.PickingInstructions);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["ChannelOrderNumber"] = "727",
                ["SalesChannel"] = "WooCommerce",
                ["PaymentTerms"] = "PREPAID",
                ["Reference"] = "WOO-727-US",
                ["CustomerEmail"] = "john.doe@example.com",
            },
            order.Attributes);
        Assert.Equal(new DateTimeOffset(2017, 3, 22, 19, 28, 8, TimeSpan.Zero), order.ChannelVersion);
    }

    [Fact]
    public async Task SampleProfile_ShipmentOfTheWmsOrder_FulfilsBothWooLines()
    {
        using var host = await StartHostAsync();
        var mapper = host.Services.GetRequiredService<IOrderMapper>();
        var channelOrder = WooOrder();
        var mapped = await mapper.MapOrderAsync(channelOrder, Ct);
        var shipment = new WarehouseShipment(
            "SHP-1",
            "woo-main",
            "727",
            [.. mapped.Order.Lines.Select(l => new WarehouseShipmentLine(l.Sku, l.Quantity))],
            Testing.ModelFactory.Epoch,
            "UPS");

        var fulfillment = await mapper.MapShipmentAsync(shipment, channelOrder, Ct);

        Assert.Equal([("315", 2), ("316", 1)], fulfillment.Lines.Select(l => (l.LineId, l.Quantity)));
    }

    [Fact]
    public async Task SampleProfile_VariantRuleAndAutoMatch_MatchTheCatalogue()
    {
        using var host = await StartHostAsync();
        var loader = host.Services.GetRequiredService<IItemCatalogLoader>();
        var catalogue = new[]
        {
            new ChannelItem
            {
                ChannelItemId = "30",
                Sku = "SYI-TEE-BLU-L-WEB",
                ParentId = "22",
                Attributes = new Dictionary<string, string> { ["pa_color"] = "Blue", ["size"] = "L" },
            },
            new ChannelItem { ChannelItemId = "31", Sku = "woo-hoodie-grey" },
            new ChannelItem { ChannelItemId = "93", Sku = null },
        }.ToAsyncEnumerable();

        var result = await loader.MatchAsync("woo-main", catalogue, ["SYI-TEE-BLU-L", "HOODIE-GREY"], Ct);

        Assert.Equal([("30", "SYI-TEE-BLU-L"), ("31", "HOODIE-GREY")], result.Matched.Select(m => (m.ChannelItemId, m.Components[0].Sku)));
        Assert.Equal(1, result.ExplicitCount);
        Assert.True(result.IsComplete);
    }
}

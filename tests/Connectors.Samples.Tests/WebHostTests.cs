using System.Globalization;
using System.Net;
using System.Text;
using Connectors.Samples.WebHost;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Connectors.Testing.WooCommerce;

namespace Connectors.Samples.Tests;

/// <summary>
/// The minimal ASP.NET Core sample as shipped (its Program.cs and appsettings.json), run on Kestrel on loopback
/// through WebApplicationFactory, with settings pointing at the Shopify and WooCommerce emulators. Polling is off,
/// so orders can only arrive by webhook.
/// </summary>
[Collection(SharedMeterCollection.Name)]
public sealed class WebHostTests
{
    private const string WooSecret = "woo-webhook-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Webhooks_SignedShopifyAndWooCommerceOrders_ReachTheWmsOnceForgedGet401HealthHealthy()
    {
        await using var shopify = await ShopifyEmulator.StartAsync(cancellationToken: Ct);
        await using var woo = await WooCommerceEmulator.StartAsync(cancellationToken: Ct);
        var data = Directory.CreateTempSubdirectory("connectors-webhost-test-").FullName;
        var shopLocation = shopify.AddLocation("Main");
        var variant = shopify.AddVariant("SHOP-A", 10, shopLocation);
        var product = woo.AddSimpleProduct("SHOP-B", 10, 12m);
        await using var factory = new SampleFactory(new Dictionary<string, string>
        {
            ["Connectors:Sqlite:ConnectionString"] = $"Data Source={Path.Combine(data, "connectors.db")}",
            ["Connectors:Mapping:Channels:shopify:Items:0:ChannelItemId"] = variant.InventoryItemId,
            ["Connectors:Mapping:Channels:shopify:Items:0:Sku"] = "WMS-A",
            ["Connectors:Mapping:Channels:woocommerce:Items:0:ChannelItemId"] = product.ToString(CultureInfo.InvariantCulture),
            ["Connectors:Mapping:Channels:woocommerce:Items:0:Sku"] = "WMS-B",
            ["Connectors:Hosting:PollOrders"] = "false",

            // A host that syncs stock to Shopify maps its WMS locations to Shopify locations, or it does not start.
            ["Connectors:Engine:Inventory:Channels:shopify:Locations:0:WarehouseLocation"] = "WH1",
            ["Connectors:Engine:Inventory:Channels:shopify:Locations:0:ChannelLocation"] = shopLocation,
            ["Connectors:Hosting:IdleDelay"] = "00:00:00.050",
            ["Connectors:Shopify:BaseAddress"] = shopify.BaseAddress.ToString(),
            ["Connectors:Shopify:AccessToken"] = shopify.Options.AccessToken,
            ["Connectors:Shopify:ClientSecret"] = shopify.Options.ClientSecret,
            ["Connectors:WooCommerce:BaseUrl"] = woo.BaseUrl.ToString(),
            ["Connectors:WooCommerce:ConsumerKey"] = woo.ConsumerKey,
            ["Connectors:WooCommerce:ConsumerSecret"] = woo.ConsumerSecret,
            ["Connectors:WooCommerce:WebhookSecret"] = WooSecret,
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };
        var warehouse = factory.Services.GetRequiredService<InMemoryWarehouse>();

        // Shopify signs with the app's client secret; WooCommerce with the webhook's secret.
        shopify.Options.WebhookUrl = new Uri(address, "/webhooks/shopify");
        var shopifyOrder = await shopify.CreateOrderAsync([new ShopifyEmulatorLine
        {
            Sku = "SHOP-A",
            Quantity = 2,
            UnitPrice = 9.5m,
        }], cancellationToken: Ct);
        woo.AddWebhook("order.created", new Uri(address, "/webhooks/woocommerce"), WooSecret);
        var wooOrder = woo.AddOrder("processing", [new WooCommerceEmulatorLine
        {
            ProductId = product,
            Quantity = 1,
            Price = 12m,
        }]).ToString(CultureInfo.InvariantCulture);
        await woo.FlushWebhooksAsync(Ct);

        var shopifyKey = "shopify/" + shopifyOrder;
        var wooKey = "woocommerce/" + wooOrder;
        await EventuallyAsync(() => warehouse.Orders.ContainsKey(shopifyKey) && warehouse.Orders.ContainsKey(wooKey), "both orders in the WMS");
        await EventuallyAsync(() => shopify.GetOrderTags(shopifyOrder).Contains("wms-received"), "the Shopify order acknowledged");
        await EventuallyAsync(() => woo.GetOrderMeta(long.Parse(wooOrder, CultureInfo.InvariantCulture), "_wms_reference") is not null, "the WooCommerce order acknowledged");

        using var forgedShopify = Forged("/webhooks/shopify", "X-Shopify-Hmac-Sha256", ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", "forged-1"));
        using var forgedWoo = Forged("/webhooks/woocommerce", "X-WC-Webhook-Signature", ("X-WC-Webhook-Topic", "order.created"), ("X-WC-Webhook-Delivery-ID", "forged-2"));
        using var shopifyAnswer = await http.SendAsync(forgedShopify, Ct);
        using var wooAnswer = await http.SendAsync(forgedWoo, Ct);
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, shopifyAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wooAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var check = (await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(Ct)).Entries["connectors"];
        var deadLetters = await factory.Services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: Ct).Select(d => $"{d.Id}: {d.Reason}").ToListAsync(Ct);
        Assert.True(await health.Content.ReadAsStringAsync(Ct) == "Healthy", check.Description + " " + string.Join("; ", deadLetters));
        Assert.Equal(1, warehouse.Submissions[shopifyKey]);
        Assert.Equal(1, warehouse.Submissions[wooKey]);
        Assert.Equal(2, warehouse.Orders.Count); // the forged ones never reached the inbox
        Assert.Equal(("WMS-A", 2m), Assert.Single(warehouse.Orders[shopifyKey].Lines) is var a ? (a.Sku, a.Quantity) : default);
        Assert.Equal(("WMS-B", 1m), Assert.Single(warehouse.Orders[wooKey].Lines) is var b ? (b.Sku, b.Quantity) : default);
    }

    [Fact]
    public async Task Start_NoShopsConfigured_ServesHealthWithNoChannels()
    {
        var data = Directory.CreateTempSubdirectory("connectors-webhost-test-").FullName;
        await using var factory = new SampleFactory(new Dictionary<string, string>
        {
            ["Connectors:Sqlite:ConnectionString"] = $"Data Source={Path.Combine(data, "connectors.db")}",
        });
        using var http = factory.CreateClient();

        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        using var webhook = await http.PostAsync(new Uri("/webhooks/shopify", UriKind.Relative), new StringContent("{}"), Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
    }

    private static HttpRequestMessage Forged(string path, string signatureHeader, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent("{\"id\":999999,\"line_items\":[]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(signatureHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes("not-the-signature-of-this-body")));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(25, Ct);
        }
    }

    /// <summary>The sample's own Program.cs, with settings added the way a command line would add them.</summary>
    private sealed class SampleFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<InMemoryWarehouse>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

using Connectors.Mapping.Profiles;
using Connectors.Samples.ConsoleHost;
using Connectors.Shopify;
using Connectors.WooCommerce;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.Samples.Tests;

/// <summary>The real-shop path of the sample host: settings, not emulators, decide which shops are added.</summary>
public sealed class DemoHostTests
{
    [Fact]
    public async Task Build_RealShopSettings_AddsBothChannelsFromTheirSectionsWithoutWorkers()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Shopify:ShopDomain"] = "store-a.myshopify.com",
            ["Connectors:Shopify:AccessToken"] = "shpat_test",
            ["Connectors:WooCommerce:BaseUrl"] = "https://shop-b.example/",
            ["Connectors:WooCommerce:ConsumerKey"] = "ck_test",
            ["Connectors:WooCommerce:ConsumerSecret"] = "cs_test",
        }).Build();
        var wms = new DemoWarehouse([new StockLevel("A", DemoCatalog.MainLocation, 1)]);
        var db = Path.Combine(Directory.CreateTempSubdirectory("connectors-sample-test-").FullName, "c.db");

        await using var app = DemoHost.Build(configuration, wms, db, 0, endpoints: null, new Dictionary<string, ChannelMappingProfile>(), new Dictionary<string, string>());

        Assert.True(RealShops.Any(configuration));
        Assert.Equal([DemoOptions.ShopifyChannel, DemoOptions.WooChannel], app.Services.GetRequiredService<IChannelRegistry>().Names.Order(StringComparer.Ordinal));
        Assert.Equal("store-a.myshopify.com", app.Services.GetRequiredService<IOptionsMonitor<ShopifyOptions>>().Get(DemoOptions.ShopifyChannel).ShopDomain);
        Assert.Equal(new Uri("https://shop-b.example/"), app.Services.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(DemoOptions.WooChannel).BaseUrl);
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s.GetType().Namespace == "Connectors.Hosting.Workers");
    }

    [Fact]
    public void Any_NoShopSettings_False()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false).Build();

        Assert.False(RealShops.Any(configuration)); // the shipped appsettings.json runs the emulators
    }
}

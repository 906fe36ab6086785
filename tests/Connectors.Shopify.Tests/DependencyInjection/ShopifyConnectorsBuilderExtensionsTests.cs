using Connectors.Shopify.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Tests.DependencyInjection;

public sealed class ShopifyConnectorsBuilderExtensionsTests
{
    [Fact]
    public void AddShopify_TwoShops_RegistersBothChannelsWithTheirPorts()
    {
        var services = new ServiceCollection();
        services.AddConnectors()
            .AddShopify("store-a", o => { o.ShopDomain = "store-a.myshopify.com"; o.AccessToken = "a"; })
            .AddShopify("store-b", o => { o.ShopDomain = "store-b.myshopify.com"; o.AccessToken = "b"; o.ApiVersion = ShopifyApiVersions.V202604; });
        using var sp = services.BuildServiceProvider();
        var registry = sp.GetRequiredService<IChannelRegistry>();

        Assert.True(registry.TryGetPort<IInventoryChannel>("store-a", out var a));
        Assert.True(registry.TryGetPort<IFulfillmentChannel>("store-b", out var b));
        Assert.Equal("shopify", a.Platform);
        Assert.NotSame(a, b);
        Assert.Equal(250, a.Capabilities.MaxInventoryBatchSize);
        Assert.Equal(2, sp.GetServices<IWebhookHandler>().Count());
        Assert.True(registry.TryGetPort<IShopifyAdministration>("store-a", out _));
    }

    [Fact]
    public void AddShopify_SameNameTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        var builder = services.AddConnectors();
        builder.AddShopify("store-a", o => { o.ShopDomain = "store-a.myshopify.com"; o.AccessToken = "a"; });
        builder.AddShopify("store-a", o => o.OrderPageSize = 10);
        using var sp = services.BuildServiceProvider();

        Assert.Single(sp.GetServices<IWebhookHandler>());
        Assert.Single(sp.GetServices<ChannelRegistration>());
        Assert.Equal(10, sp.GetRequiredService<IOptionsMonitor<ShopifyOptions>>().Get("store-a").OrderPageSize);
    }

    [Fact]
    public void AddShopify_ConfigurationSection_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shopify:ShopDomain"] = "store-c.myshopify.com",
            ["Shopify:AccessToken"] = "c",
            ["Shopify:ApiVersion"] = "2026-04",
            ["Shopify:ThrottleWaitBudget"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddShopify("store-c", configuration.GetSection("Shopify"));
        using var sp = services.BuildServiceProvider();

        var options = sp.GetRequiredService<IOptionsMonitor<ShopifyOptions>>().Get("store-c");
        Assert.Equal("2026-04", options.ApiVersion);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ThrottleWaitBudget);
    }

    [Theory]
    [InlineData(null, "t", "2026-01", "ShopDomain")]
    [InlineData("store.myshopify.com", null, "2026-01", "AccessToken")]
    [InlineData("store.myshopify.com", "t", "2024-01", "ApiVersion")]
    [InlineData("https://store.myshopify.com/admin", "t", "2026-01", "ShopDomain")]
    public void Validate_InvalidOptions_FailNamingTheSetting(string? domain, string? token, string version, string setting)
    {
        var result = new ShopifyOptionsValidator().Validate("store-a", new ShopifyOptions { ShopDomain = domain, AccessToken = token, ApiVersion = version });
        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("store-a", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1000, 60, "BulkPollInterval")]
    [InlineData(2000, 1000, 60, "BulkMaxPollInterval")]
    [InlineData(1000, 30000, 0, "BulkOperationTimeout")]
    public void Validate_BulkTimingsOutOfRange_FailNamingTheSetting(int pollMs, int maxPollMs, int timeoutSeconds, string setting)
    {
        var result = new ShopifyOptionsValidator().Validate("store-a", new ShopifyOptions
        {
            ShopDomain = "store.myshopify.com",
            AccessToken = "t",
            BulkPollInterval = TimeSpan.FromMilliseconds(pollMs),
            BulkMaxPollInterval = TimeSpan.FromMilliseconds(maxPollMs),
            BulkOperationTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        });

        Assert.True(result.Failed);
        Assert.Contains(setting + " is", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BatchSizeAbove250_FailsThroughDataAnnotations()
    {
        var result = new ShopifyOptionsDataAnnotationsValidator().Validate("store-a", new ShopifyOptions { InventoryBatchSize = 251 });
        Assert.True(result.Failed);
        Assert.Contains("InventoryBatchSize", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartHost_InvalidOptions_FailsAtStart()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().AddShopify("store-a", o => o.AccessToken = "t");
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("ShopDomain", ex.Message, StringComparison.Ordinal);
    }

    // Issue 19 item 8: without a mapping the engine sends the WMS location id ('WH1') as the Shopify location, and every
    // level was dead-lettered at run time ("LocationId 'WH1' is not a Location GID"); the host now refuses to start.
    [Fact]
    public async Task StartHost_InventoryWithoutLocationMapping_FailsAtStartSayingWhatToSet()
    {
        using var host = InventoryHost(_ => { });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Connectors:Inventory:Channels:store-a:Locations is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Connectors:Inventory:Channels:store-a:Locations:0:ChannelLocation", ex.Message, StringComparison.Ordinal);
        Assert.Contains("gid://shopify/Location/123", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ListLocationsAsync", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartHost_LocationMappedToAWarehouseId_FailsAtStartNamingTheValue()
    {
        using var host = InventoryHost(o =>
        {
            var channel = new Connectors.Inventory.ChannelInventoryOptions();
            channel.Locations.Add(new() { WarehouseLocation = "WH1", ChannelLocation = "gid://shopify/Location/7" });
            channel.Locations.Add(new() { WarehouseLocation = "WH2", ChannelLocation = "WH2" });
            o.Inventory.Channels["store-a"] = channel;
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Connectors:Inventory:Channels:store-a:Locations:1:ChannelLocation is 'WH2'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Locations:0:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartHost_LocationsMapped_Starts()
    {
        using var host = InventoryHost(o =>
        {
            var channel = new Connectors.Inventory.ChannelInventoryOptions();
            channel.Locations.Add(new() { WarehouseLocation = "WH1", ChannelLocation = "gid://shopify/Location/7" });
            channel.Locations.Add(new() { WarehouseLocation = "WH2", ChannelLocation = "8" });
            o.Inventory.Channels["STORE-A"] = channel; // channel names are case-insensitive in the inventory settings
        });

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task StartHost_NoWarehouseInventory_NeedsNoLocationMapping()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().AddShopify("store-a", o => { o.ShopDomain = "store-a.myshopify.com"; o.AccessToken = "t"; });
        using var host = builder.Build();

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static Microsoft.Extensions.Hosting.IHost InventoryHost(Action<ConnectorsOptions> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IWarehouseInventory>(new Connectors.Testing.FakeWarehouse());
        builder.Services.AddConnectors(configure).AddShopify("store-a", o => { o.ShopDomain = "store-a.myshopify.com"; o.AccessToken = "t"; });
        return builder.Build();
    }
}

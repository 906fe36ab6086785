using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Tests;

public sealed class WooCommerceConnectorsBuilderExtensionsTests
{
    [Fact]
    public void AddWooCommerce_BasicOverPlainHttp_FailsAtStartNamingTheSetting()
    {
        using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri("http://shop.example/");
            o.AuthMode = WooCommerceAuthMode.Basic;
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(TestHost.Channel));

        Assert.Contains("WooCommerce channel 'shop-b': AuthMode is Basic", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowBasicAuthOverHttp", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cs_test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddWooCommerce_InvalidOptions_HostRefusesToStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddConnectors().AddWooCommerce("shop-b", o =>
        {
            o.BaseUrl = new Uri("https://shop.example/");
            o.ConsumerKey = "cs_swapped";
            o.ConsumerSecret = "ck_swapped";
            o.BatchSize = 0;
        });
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("ConsumerKey must start with 'ck_'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWooCommerce_BasicOverHttpExplicitlyAllowed_IsValid()
    {
        using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri("http://shop.example/");
            o.AuthMode = WooCommerceAuthMode.Basic;
            o.AllowBasicAuthOverHttp = true;
        });

        Assert.True(sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(TestHost.Channel).AllowBasicAuthOverHttp);
    }

    [Fact]
    public void AddWooCommerce_TwoShopsAndConfigurationSection_RegistersBothChannels()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shops:b:BaseUrl"] = "https://b.example/",
            ["Shops:b:ConsumerKey"] = "ck_b",
            ["Shops:b:ConsumerSecret"] = "cs_b",
            ["Shops:b:BatchSize"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddConnectors();
        builder.AddWooCommerce("shop-a", o =>
        {
            o.BaseUrl = new Uri("https://a.example/");
            o.ConsumerKey = "ck_a";
            o.ConsumerSecret = "cs_a";
        });
        builder.AddWooCommerce("shop-b", configuration.GetSection("Shops:b"));
        builder.AddWooCommerce("shop-b", configuration.GetSection("Shops:b")); // idempotent
        using var sp = services.BuildServiceProvider();

        var registry = sp.GetRequiredService<IChannelRegistry>();

        Assert.Equal(["shop-a", "shop-b"], registry.Names.Order());
        Assert.Equal(50 * 4, registry.GetChannel("shop-b").Capabilities.MaxInventoryBatchSize); // BatchSize x MaxConcurrency: a push fills every slot
        Assert.Equal(100 * 4, registry.GetChannel("shop-a").Capabilities.MaxInventoryBatchSize);
        Assert.True(registry.TryGetPort<IWebhookHandler>("shop-a", out _));
        Assert.True(registry.TryGetPort<IFulfillmentChannel>("shop-b", out _));
        Assert.Single(services, d => d.ServiceType == typeof(ChannelRegistration) && ((ChannelRegistration)d.ImplementationInstance!).Name == "shop-b");
    }

    [Fact]
    public void AddWooCommerce_RangeAndCrossFieldFailures_NameTheSettingInOneStyle()
    {
        // Issue 19 item 9: the generated DataAnnotations messages said "BatchSize: The field shop-b.BatchSize must be …"
        // beside "WooCommerce:shop-b:ConsumerKey must …"; both now read as Shopify's do.
        using var sp = TestHost.Build(o =>
        {
            o.BaseUrl = new Uri("https://shop.example/");
            o.BatchSize = 5000;
            o.LocationId = null!;
            o.ConsumerKey = "cs_swapped";
            o.Currency = "eur";
            o.PriceDecimals = 9;
        });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(TestHost.Channel));

        Assert.Contains("WooCommerce channel 'shop-b': BatchSize must be between 1 and 1000.", ex.Failures);
        Assert.Contains("WooCommerce channel 'shop-b': LocationId is required.", ex.Failures);
        Assert.Contains("WooCommerce channel 'shop-b': PriceDecimals must be between 0 and 8.", ex.Failures);
        Assert.Contains(ex.Failures, f => f.StartsWith("WooCommerce channel 'shop-b': Currency is 'eur' but must be a three-letter ISO 4217 code", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("WooCommerce channel 'shop-b': ConsumerKey must start with 'ck_'", StringComparison.Ordinal));
        Assert.All(ex.Failures, f => Assert.StartsWith("WooCommerce channel 'shop-b': ", f, StringComparison.Ordinal));
    }

    [Fact]
    public void AddWooCommerce_WebhookHandler_IsResolvableFromDIAsTheChannelItself()
    {
        // Issue 19 item 9: Shopify's handler was in DI, WooCommerce's was not.
        using var sp = TestHost.Build(o => o.BaseUrl = new Uri("https://shop.example/"));

        var handler = Assert.Single(sp.GetServices<IWebhookHandler>());

        Assert.Equal(TestHost.Channel, handler.Channel);
        Assert.Same(sp.Channel_(), handler);
    }
}

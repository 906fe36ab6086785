using Connectors.Magento.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Magento.Tests;

public sealed class MagentoConnectorsBuilderExtensionsTests
{
    [Fact]
    public void AddMagento_TwiceWithTheSameName_RegistersOneChannel()
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddMagento("m", o => o.BaseUrl = new Uri("https://a.example/")).AddMagento("m", o => o.AccessToken = "t");

        Assert.Single(services, d => d.ServiceType == typeof(ChannelRegistration));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<MagentoOptions>>().Get("m");
        Assert.Equal(("https://a.example/", "t"), (options.BaseUrl!.ToString(), options.AccessToken));
    }

    [Fact]
    public void AddMagento_ConfigurationSection_BindsOptionsAndSourceMap()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Magento:BaseUrl"] = "https://shop.example/",
            ["Magento:StoreCode"] = "nl",
            ["Magento:Username"] = "wms",
            ["Magento:Password"] = "secret",
            ["Magento:SourceCodes:WH1"] = "ams",
            ["Magento:OrderStoreIds:0"] = "3",
            ["Magento:ReservationSourceCode"] = "ams",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddMagento("m", configuration.GetSection("Magento"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<MagentoOptions>>().Get("m");

        Assert.Equal("nl", options.StoreCode);
        Assert.Equal("ams", options.SourceCodes["WH1"]);
        Assert.Equal([3], options.OrderStoreIds);
        Assert.Equal(MagentoAuthMode.AdminUser, MagentoAuthHandler.EffectiveMode(options));
    }

    [Theory]
    [InlineData("StoreCode", "Default Store", "StoreCode must be a Magento store code")]
    [InlineData("ListingStatusStoreCode", "All Store Views", "ListingStatusStoreCode must be a Magento store code")]
    [InlineData("ReservationSourceCode", "nowhere", "ReservationSourceCode is 'nowhere' but no location maps to it")]
    [InlineData("AdminTokenRenewBefore", "05:00:00", "AdminTokenRenewBefore is 05:00:00 but must be at least zero and shorter than AdminTokenLifetime")]
    [InlineData("BatchSize", "0", "BatchSize")]
    public void Options_InvalidValue_FailsNamingTheSetting(string setting, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["M:BaseUrl"] = "https://shop.example/",
            ["M:Username"] = "wms",
            ["M:Password"] = "secret",
            ["M:" + setting] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddMagento("m", configuration.GetSection("M"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<MagentoOptions>>().Get("m"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example", "https://shop.example/")]
    [InlineData("https://shop.example/rest/default/V1/", "https://shop.example/")]
    [InlineData("https://shop.example/magento/rest", "https://shop.example/magento/")]
    [InlineData("http://127.0.0.1:8080/sub/", "http://127.0.0.1:8080/sub/")]
    public void Root_BaseUrlWithOrWithoutRestTail_IsTheStoreRoot(string baseUrl, string root)
    {
        Assert.Equal(root, MagentoClient.Root(new Uri(baseUrl)));
    }
}

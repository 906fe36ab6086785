using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Tests;

/// <summary>Issue 19 item 1: a misspelt WooCommerce setting is an error naming its path, not a silent default.</summary>
public sealed class WooCommerceStrictConfigurationTests
{
    [Fact]
    public void AddWooCommerce_MisspeltSettingInSection_FailsNamingThePath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WooCommerce:shop-b:BaseUrl"] = "https://b.example/",
            ["WooCommerce:shop-b:ConsumerKey"] = "ck_b",
            ["WooCommerce:shop-b:ConsumerSecret"] = "cs_b",
            ["WooCommerce:shop-b:PageSiz"] = "10",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddWooCommerce("shop-b", configuration.GetSection("WooCommerce:shop-b"));
        using var sp = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorValidationException>(() => sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get("shop-b"));

        Assert.Equal("WooCommerce:shop-b:PageSiz", Assert.Single(error.Errors).FieldPath);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Tests.DependencyInjection;

/// <summary>Issue 19 item 1: a misspelt Shopify setting is an error naming its path, not a silent default.</summary>
public sealed class ShopifyStrictConfigurationTests
{
    [Fact]
    public void AddShopify_MisspeltSettingInSection_FailsNamingThePath()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shopify:store-c:ShopDomain"] = "store-c.myshopify.com",
            ["Shopify:store-c:AccesToken"] = "c",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddShopify("store-c", configuration.GetSection("Shopify:store-c"));
        using var sp = services.BuildServiceProvider();

        var error = Assert.Throws<ConnectorValidationException>(() => sp.GetRequiredService<IOptionsMonitor<ShopifyOptions>>().Get("store-c"));

        Assert.Equal("Shopify:store-c:AccesToken", Assert.Single(error.Errors).FieldPath);
    }
}

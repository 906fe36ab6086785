using Connectors.Shopify.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Shopify.Tests.EndToEnd;

/// <summary>Builds the channel through the DI front door, pointed at an emulator or a WireMock server.</summary>
internal static class ShopifyTestHost
{
    public const string ChannelName = "store-a";

    public static ServiceProvider Build(
        Uri baseAddress,
        string version = ShopifyApiVersions.Default,
        Action<ShopifyOptions>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? before = null,
        Action<IServiceCollection>? after = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddConnectors().AddShopify(ChannelName, o =>
        {
            o.BaseAddress = baseAddress;
            o.AccessToken = "shpat_emulator";
            o.ApiVersion = version;
            o.ClientSecret = "emulator-secret";
            configure?.Invoke(o);
        });
        after?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static ShopifyChannel Channel(this IServiceProvider services) => services.GetRequiredKeyedService<ShopifyChannel>(ChannelName);
}

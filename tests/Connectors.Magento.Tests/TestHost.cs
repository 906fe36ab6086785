using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

/// <summary>Builds a container with the Connectors front door and one Magento store.</summary>
internal static class TestHost
{
    public const string Channel = "shop-m";

    public static ServiceProvider Build(Action<MagentoOptions> configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddConnectors().AddMagento(Channel, o =>
        {
            o.MaxRetries = 0;
            configure(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>A store signed in with the emulator's integration (OAuth 1.0a).</summary>
    public static ServiceProvider ForEmulator(MagentoEmulator emulator, Action<MagentoOptions>? configure = null, TimeProvider? time = null) => Build(
        o =>
        {
            o.BaseUrl = emulator.BaseUrl;
            o.ConsumerKey = emulator.ConsumerKey;
            o.ConsumerSecret = emulator.ConsumerSecret;
            o.AccessToken = emulator.AccessToken;
            o.AccessTokenSecret = emulator.AccessTokenSecret;
            configure?.Invoke(o);
        },
        time);

    public static MagentoChannel Magento(this IServiceProvider services) =>
        (MagentoChannel)services.GetRequiredService<IChannelRegistry>().GetChannel(Channel);

    /// <summary>Drops the cached options so the next request reads the configuration again (a rotation).</summary>
    public static void ReloadOptions(this IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitorCache<MagentoOptions>>().TryRemove(Channel);
}

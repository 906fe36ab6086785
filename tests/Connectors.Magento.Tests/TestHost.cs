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

    /// <summary>
    /// The engine (AddConnectors) on <paramref name="time"/>, with <paramref name="warehouse"/> as the WMS ports named by
    /// <paramref name="ports"/> and one store signed in with the emulator's integration (OAuth 1.0a), or with its admin
    /// user when <paramref name="adminUser"/> is set.
    /// </summary>
    public static ServiceProvider ForEngine(
        MagentoEmulator emulator,
        TimeProvider time,
        FakeWarehouse? warehouse = null,
        WmsPorts ports = WmsPorts.None,
        Action<MagentoOptions>? configure = null,
        Action<ConnectorsOptions>? engine = null,
        Action<IConnectorsBuilder>? connectors = null,
        bool adminUser = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        if (warehouse is not null)
        {
            AddPorts(services, warehouse, ports);
        }

        var builder = services.AddConnectors(engine);
        connectors?.Invoke(builder);
        builder.AddMagento(Channel, o =>
        {
            o.BaseUrl = emulator.BaseUrl;
            if (adminUser)
            {
                o.Username = emulator.AdminUsername;
                o.Password = emulator.AdminPassword;
            }
            else
            {
                o.ConsumerKey = emulator.ConsumerKey;
                o.ConsumerSecret = emulator.ConsumerSecret;
                o.AccessToken = emulator.AccessToken;
                o.AccessTokenSecret = emulator.AccessTokenSecret;
            }

            o.MaxRetries = 0;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static void AddPorts(IServiceCollection services, FakeWarehouse warehouse, WmsPorts ports)
    {
        if (ports.HasFlag(WmsPorts.Inventory))
        {
            services.AddSingleton<IWarehouseInventory>(warehouse);
        }

        if (ports.HasFlag(WmsPorts.Orders))
        {
            services.AddSingleton<IWarehouseOrders>(warehouse);
        }

        if (ports.HasFlag(WmsPorts.Returns))
        {
            services.AddSingleton<IWarehouseReturns>(warehouse);
        }

        if (ports.HasFlag(WmsPorts.ItemCatalog))
        {
            services.AddSingleton<IWarehouseItemCatalog>(warehouse);
        }
    }

    public static MagentoChannel Magento(this IServiceProvider services) =>
        (MagentoChannel)services.GetRequiredService<IChannelRegistry>().GetChannel(Channel);

    /// <summary>Drops the cached options so the next request reads the configuration again (a rotation).</summary>
    public static void ReloadOptions(this IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitorCache<MagentoOptions>>().TryRemove(Channel);
}

/// <summary>Which WMS ports <see cref="TestHost.ForEngine"/> registers the fake warehouse as.</summary>
[Flags]
internal enum WmsPorts
{
    None = 0,
    Inventory = 1,
    Orders = 2,
    Returns = 4,
    ItemCatalog = 8,

    /// <summary>What an order, fulfilment and return flow needs.</summary>
    OrderFlows = Inventory | Orders | Returns,
}

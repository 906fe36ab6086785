using Connectors;
using Connectors.DependencyInjection;
using Connectors.Internal;
using Connectors.Inventory;
using Connectors.Mapping;
using Connectors.Orders;
using Connectors.Prices;
using Connectors.State;
using Connectors.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The front door of the Connectors SDK.</summary>
public static class ConnectorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sync engine with its defaults: the in-memory state store (replace it with <c>UseSqlite</c> or
    /// <c>UsePostgreSql</c>), identity mapping (replace it with <c>AddMapping</c>) and telemetry. Calling it again
    /// adds nothing twice and returns a builder over the same registrations.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for channels, mapping and storage.</returns>
    public static IConnectorsBuilder AddConnectors(this IServiceCollection services) => services.AddConnectors(configure: null);

    /// <summary>Adds the sync engine (see <see cref="AddConnectors(IServiceCollection)"/>) and adjusts its options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts <see cref="ConnectorsOptions"/>.</param>
    /// <returns>A builder for channels, mapping and storage.</returns>
    public static IConnectorsBuilder AddConnectors(this IServiceCollection services, Action<ConnectorsOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new ConnectorsBuilder(services);
        var optionsBuilder = services.AddOptions<ConnectorsOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(ConnectorsMarker)))
        {
            return builder;
        }

        services.AddSingleton<ConnectorsMarker>();
        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorsOptions>, ConnectorsOptionsDataAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorsOptions>, ConnectorsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ConnectorsMetrics>();
        services.TryAddSingleton<WorkSignals>();
        services.TryAddSingleton<IChannelRegistry, ChannelRegistry>();
        services.TryAddSingleton<ISyncStateStore, InMemorySyncStateStore>();
        services.TryAddSingleton<IItemResolver, IdentityItemResolver>();
        services.TryAddSingleton<IOrderMapper, IdentityOrderMapper>();
        services.TryAddSingleton<IAvailabilityCalculator, ComponentAvailabilityCalculator>();
        InventoryRegistration.AddInventoryEngine(services);
        PriceRegistration.AddPriceEngine(services);
        OrderFlowRegistration.AddOrderFlows(services);
        Connectors.Performance.Internal.PerformanceRegistration.AddSellerPerformance(services);
        Connectors.Listings.Internal.ListingRegistration.AddListingHealth(services);
        return builder;
    }

    /// <summary>Adds the sync engine with options bound from a configuration section (for example <c>Connectors</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="ConnectorsOptions"/>.</param>
    /// <returns>A builder for channels, mapping and storage.</returns>
    public static IConnectorsBuilder AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConnectorsOptions>()
            .Configure(o => StrictConfiguration.Bind(configuration, c => c.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        services.AddSingleton<IOptionsChangeTokenSource<ConnectorsOptions>>(new ConfigurationChangeTokenSource<ConnectorsOptions>(configuration));
        return services.AddConnectors();
    }

    private sealed class ConnectorsMarker;
}

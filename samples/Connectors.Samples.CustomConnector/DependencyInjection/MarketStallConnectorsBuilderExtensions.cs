using Connectors;
using Connectors.Samples.CustomConnector;
using Connectors.Samples.CustomConnector.Internal;
using Connectors.Samples.CustomConnector.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds market stall channels to the Connectors builder (the front door of the example connector).</summary>
public static class MarketStallConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds a market stall channel named <paramref name="name"/> with its inventory, order and fulfilment ports.
    /// Options are validated when the host starts. Calling it again with the same name only adds configuration.
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel instance name, unique in the host.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddMarketStall(this IConnectorsBuilder builder, string name, Action<MarketStallOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<MarketStallOptions>(name).Configure(configure);
        return AddCore(builder, name);
    }

    /// <summary>Adds a market stall channel named <paramref name="name"/> bound to a configuration section.</summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel instance name, unique in the host.</param>
    /// <param name="section">The section holding <see cref="MarketStallOptions"/> values.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddMarketStall(this IConnectorsBuilder builder, string name, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<MarketStallOptions>(name).Bind(section);
        return AddCore(builder, name);
    }

    private static IConnectorsBuilder AddCore(IConnectorsBuilder builder, string name)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MarketStallOptions>, MarketStallOptionsValidator>());

        // Idempotent per name: a second call must not register a second channel of the same name.
        var marker = new MarketStallChannelMarker(name);
        if (services.Any(d => d.ServiceType == typeof(MarketStallChannelMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return builder;
        }

        services.AddSingleton(marker);
        services.AddOptions<MarketStallOptions>(name).ValidateOnStart();

        // The platform client, one per channel instance (a real connector registers a named HttpClient here:
        // services.AddHttpClient(...).AddStandardResilienceHandler()). A host may register its own first.
        services.TryAddKeyedSingleton(name, (sp, _) => new MarketStall(sp.GetRequiredService<TimeProvider>()));

        // The channel goes through the registry: the engine finds its ports (IInventoryChannel, IOrderChannel,
        // IFulfillmentChannel) by name, and MapConnectorWebhooks would find an IWebhookHandler the same way.
        builder.AddChannel(name, MarketStallChannel.PlatformName, sp => new MarketStallChannel(
            name,
            sp.GetRequiredKeyedService<MarketStall>(name),
            sp.GetRequiredService<IOptionsMonitor<MarketStallOptions>>()));
        return builder;
    }

    private sealed record MarketStallChannelMarker(string Name);
}

using Connectors;
using Connectors.Shopify;
using Connectors.Internal;
using Connectors.Shopify.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Shopify store channels to the Connectors builder.</summary>
public static class ShopifyConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds a Shopify channel named <paramref name="name"/>: inventory, catalog, orders, fulfilment and returns ports
    /// through the channel registry, and an <see cref="IWebhookHandler"/> for its webhooks. Options are validated at start.
    /// Calling it again with the same name only adds configuration.
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel instance name, unique in the host.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddShopify(this IConnectorsBuilder builder, string name, Action<ShopifyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<ShopifyOptions>(name).Configure(configure);
        return AddCore(builder, name);
    }

    /// <summary>Adds a Shopify channel named <paramref name="name"/> bound to a configuration section.</summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel instance name, unique in the host.</param>
    /// <param name="section">The section holding <see cref="ShopifyOptions"/> values.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddShopify(this IConnectorsBuilder builder, string name, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<ShopifyOptions>(name)
            .Configure(o => StrictConfiguration.Bind(section, c => c.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<ShopifyOptions>>(new ConfigurationChangeTokenSource<ShopifyOptions>(name, section));
        return AddCore(builder, name);
    }

    private static IConnectorsBuilder AddCore(IConnectorsBuilder builder, string name)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<CostBucketRegistry>();
        services.TryAddSingleton<ShopifyMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Polly.Telemetry.TelemetryOptions>>(new ResilienceLogSeverity("Connectors.Shopify.")));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyOptions>, ShopifyOptionsDataAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopifyOptions>, ShopifyOptionsValidator>());

        var marker = new ShopifyChannelMarker(name);
        if (services.Any(d => d.ServiceType == typeof(ShopifyChannelMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return builder;
        }

        services.AddSingleton(marker);
        services.AddOptions<ShopifyOptions>(name).ValidateOnStart();
        services.AddHttpClient(ShopifyGraphClient.HttpClientName(name)).AddStandardResilienceHandler(standard =>
        {
            var defaultShouldHandle = standard.Retry.ShouldHandle;

            // The request comes from the context: after a connection reset there is no response to read it from.
            standard.Retry.ShouldHandle = args =>
                args.Context.GetRequestMessage() is { } sent && sent.Options.TryGetValue(ShopifyGraphClient.SendOnce, out var once) && once
                    ? ValueTask.FromResult(false)
                    : defaultShouldHandle(args);
        });
        services.AddKeyedSingleton(name, (sp, _) => new ShopifyChannel(
            name,
            new ShopifyGraphClient(
                name,
                sp.GetRequiredService<IOptionsMonitor<ShopifyOptions>>(),
                sp.GetRequiredService<IHttpClientFactory>(),
                sp.GetRequiredService<CostBucketRegistry>(),
                sp.GetRequiredService<ShopifyMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                Logger(sp)),
            Logger(sp)));
        services.AddSingleton<IWebhookHandler>(sp => new ShopifyWebhookHandler(name, sp.GetRequiredService<IOptionsMonitor<ShopifyOptions>>()));
        builder.AddChannel(new ChannelRegistration(name, ShopifyChannelDefaults.Platform, sp => sp.GetRequiredKeyedService<ShopifyChannel>(name))
        {
            // Shopify keeps stock per Location GID, which no WMS location id is: the inventory flow needs a mapping.
            LocationRule = new ChannelLocationRule
            {
                Description = "Location GID (gid://shopify/Location/123, or its numeric id; IShopifyAdministration.ListLocationsAsync lists the shop's locations)",
                IsValid = static id => ShopifyIds.Normalise(id, ShopifyIds.Location) is not null,
            },
        });
        return builder;
    }

    private static ILogger Logger(IServiceProvider sp) =>
        sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Shopify") ?? NullLogger.Instance;

    private sealed record ShopifyChannelMarker(string Name);

}

using Connectors;
using Connectors.Hosting;
using Connectors.Hosting.Health;
using Connectors.Hosting.Internal;
using Connectors.Hosting.Webhooks;
using Connectors.Hosting.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs the Connectors flows in the host.</summary>
public static class ConnectorsHostingBuilderExtensions
{
    /// <summary>
    /// Adds the background workers (a start-up full inventory sync, inventory dispatch, price dispatch with its sale
    /// schedule, order and return polling,
    /// inbox and outbox processing, scheduled reconciliation and retention, and the opt-in scheduled listing report), the
    /// webhook receiver behind
    /// <c>MapConnectorWebhooks()</c>, and a <c>connectors</c> health check. Calling it again adds nothing twice.
    /// </summary>
    /// <param name="builder">The connectors builder.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddHosting(this IConnectorsBuilder builder) => builder.AddHosting(configure: null);

    /// <summary>Adds hosting (see <see cref="AddHosting(IConnectorsBuilder)"/>) and adjusts its options.</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="configure">Adjusts <see cref="ConnectorsHostingOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddHosting(this IConnectorsBuilder builder, Action<ConnectorsHostingOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<ConnectorsHostingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(ChannelActivity)))
        {
            return builder;
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorsHostingOptions>, ConnectorsHostingOptionsValidator>());
        services.TryAddSingleton<ChannelActivity>();
        services.TryAddSingleton<HostingMetrics>();
        services.TryAddSingleton<WebhookReceiver>();
        services.AddHostedService<InventoryWorker>();
        services.AddHostedService<PriceWorker>();
        services.AddHostedService<OrderPollingWorker>();
        services.AddHostedService<InboxWorker>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<MaintenanceWorker>();
        services.AddHostedService<ListingReportWorker>();
        services.AddHealthChecks().AddCheck<ConnectorsHealthCheck>("connectors");
        return builder;
    }

    /// <summary>Adds hosting with options bound from a configuration section (for example <c>Connectors:Hosting</c>).</summary>
    /// <param name="builder">The connectors builder.</param>
    /// <param name="configuration">The section holding <see cref="ConnectorsHostingOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddHosting(this IConnectorsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<ConnectorsHostingOptions>()
            .Configure(o => StrictConfiguration.Bind(configuration, c => c.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<ConnectorsHostingOptions>>(new ConfigurationChangeTokenSource<ConnectorsHostingOptions>(configuration));
        return builder.AddHosting();
    }
}

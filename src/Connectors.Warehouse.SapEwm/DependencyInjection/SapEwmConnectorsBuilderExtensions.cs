using Connectors;
using Connectors.Warehouse.SapEwm;
using Connectors.Warehouse.SapEwm.Hosting;
using Connectors.Warehouse.SapEwm.Internal;
using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SAP EWM on S/4HANA as the WMS: <c>services.AddConnectors().AddSapEwm(o => ...)</c>.</summary>
public static class SapEwmConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds SAP EWM as the warehouse: options (validated at start), a named <see cref="HttpClient"/> with the standard
    /// resilience pipeline, CSRF handling, authentication and the SAP session, and <see cref="SapEwmWarehouse"/> as
    /// <see cref="IWarehouseInventory"/>, <see cref="IWarehouseOrders"/> and <see cref="IWarehouseReturns"/>, plus the <see cref="SapEwmShipmentPoller"/> and a hosted worker that polls
    /// shipments, return receipts and stock changes (it runs where the container runs hosted services, as
    /// <c>Connectors.Hosting</c>'s workers do).
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddSapEwm(this IConnectorsBuilder builder, Action<SapEwmOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SapEwmOptions>().Configure(configure);
        return Register(builder);
    }

    /// <summary>Adds SAP EWM as the warehouse with options bound from a configuration section.</summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="configuration">The section holding <see cref="SapEwmOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddSapEwm(this IConnectorsBuilder builder, IConfigurationSection configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        // SYSLIB1100/1101: SapEwmOptions.ClientCertificate (an X509Certificate2 the host supplies in code) cannot be bound
        // from configuration, and is documented as not bound; the source-generated binder skips it and binds the rest.
#pragma warning disable SYSLIB1100, SYSLIB1101
        builder.Services.AddOptions<SapEwmOptions>().Bind(configuration);
#pragma warning restore SYSLIB1100, SYSLIB1101
        return Register(builder);
    }

    private static IConnectorsBuilder Register(IConnectorsBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(SapEwmMarker)))
        {
            return builder; // a second call only adds its Configure
        }

        services.AddSingleton<SapEwmMarker>();
        services.AddOptions<SapEwmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SapEwmOptions>, SapEwmOptionsDataAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SapEwmOptions>, SapEwmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SapEwmMetrics>();
        services.TryAddSingleton<SapSession>();
        services.TryAddSingleton<OAuthTokenSource>();
        services.TryAddSingleton<SapClientCertificates>();

        services.AddHttpClient(OAuthTokenSource.HttpClientName);
        var http = services.AddHttpClient(ODataClient.HttpClientName);
        http.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<SapClientCertificates>().CreateHandler(sp.GetRequiredService<IOptionsMonitor<SapEwmOptions>>().CurrentValue));
        http.AddResilienceHandler("sap-ewm", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<SapEwmOptions>>().CurrentValue;
            var standard = new HttpStandardResilienceOptions();
            standard.AttemptTimeout.Timeout = options.AttemptTimeout;
            standard.TotalRequestTimeout.Timeout = (options.AttemptTimeout * (options.MaxRetries + 1)) + TimeSpan.FromMinutes(1);
            standard.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
            standard.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
            standard.Retry.ShouldRetryAfterHeader = true;
            var defaultShouldHandle = standard.Retry.ShouldHandle;
            // A POST (a sales order's deep insert, an action) is never retried here: after a lost answer the order may
            // exist. The failure surfaces as transient; the engine's retry looks the order up by its reference first.
            standard.Retry.ShouldHandle = args =>
                (args.Context.GetRequestMessage() ?? args.Outcome.Result?.RequestMessage) is { } sent && sent.Method == HttpMethod.Post
                    ? ValueTask.FromResult(false)
                    : options.MaxRetries == 0 ? ValueTask.FromResult(false) : defaultShouldHandle(args);
            pipeline
                .AddTimeout(standard.TotalRequestTimeout)
                .AddRetry(standard.Retry)
                .AddCircuitBreaker(standard.CircuitBreaker)
                .AddTimeout(standard.AttemptTimeout);
        });
        http.AddHttpMessageHandler(sp => new SapCsrfHandler(
            sp.GetRequiredService<SapSession>(), sp.GetRequiredService<IOptionsMonitor<SapEwmOptions>>(), sp.GetRequiredService<SapEwmMetrics>(), LoggerOf(sp)));
        http.AddHttpMessageHandler(sp => new SapAuthHandler(sp.GetRequiredService<IOptionsMonitor<SapEwmOptions>>(), sp.GetRequiredService<OAuthTokenSource>()));
        http.AddHttpMessageHandler(sp => new SapSessionHandler(sp.GetRequiredService<SapSession>(), sp.GetRequiredService<IOptionsMonitor<SapEwmOptions>>()));

        services.TryAddSingleton(sp => new ODataClient(
            sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptionsMonitor<SapEwmOptions>>(), sp.GetRequiredService<SapEwmMetrics>(), LoggerOf(sp)));
        services.TryAddSingleton(sp => new SapEwmWarehouse(
            sp.GetRequiredService<ODataClient>(), sp.GetRequiredService<SapEwmMetrics>(), LoggerOf(sp), sp.GetService<ISapEwmReturnHandler>()));
        services.AddSingleton<IWarehouseInventory>(sp => sp.GetRequiredService<SapEwmWarehouse>());
        services.AddSingleton<IWarehouseOrders>(sp => sp.GetRequiredService<SapEwmWarehouse>());
        services.AddSingleton<IWarehouseReturns>(sp => sp.GetRequiredService<SapEwmWarehouse>());
        services.TryAddSingleton(sp => new SapEwmShipmentPoller(
            sp.GetRequiredService<ODataClient>(),
            sp.GetRequiredService<IConnectorEvents>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ISapEwmTrackingResolver>(),
            sp.GetRequiredService<SapEwmMetrics>(),
            LoggerOf(sp),
            sp.GetService<IChannelRegistry>()));
        services.TryAddSingleton(sp => new SapEwmReturnsPoller(
            sp.GetRequiredService<ODataClient>(),
            sp.GetRequiredService<IConnectorEvents>(),
            sp.GetRequiredService<ISyncStateStore>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf(sp)));
        services.TryAddSingleton(sp => new SapEwmStockMonitor(sp.GetRequiredService<SapEwmWarehouse>(), sp.GetRequiredService<IConnectorEvents>(), LoggerOf(sp)));
        services.TryAddSingleton(sp => new SapEwmWorker(
            sp.GetRequiredService<SapEwmShipmentPoller>(),
            sp.GetRequiredService<SapEwmReturnsPoller>(),
            sp.GetRequiredService<SapEwmStockMonitor>(),
            sp.GetRequiredService<IOptionsMonitor<SapEwmOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            LoggerOf(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SapEwmWorker>(sp => sp.GetRequiredService<SapEwmWorker>()));
        return builder;
    }

    private static ILogger LoggerOf(IServiceProvider sp) =>
        (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Warehouse.SapEwm") ?? NullLogger.Instance;

    private sealed class SapEwmMarker;
}

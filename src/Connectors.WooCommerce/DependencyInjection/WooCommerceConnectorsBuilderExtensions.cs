using Connectors;
using Connectors.WooCommerce;
using Connectors.Internal;
using Connectors.WooCommerce.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers WooCommerce shops as channels: <c>services.AddConnectors().AddWooCommerce("shop-b", o => ...)</c>.</summary>
public static class WooCommerceConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds one WooCommerce shop as channel <paramref name="name"/>: options (validated at start), a named
    /// <see cref="HttpClient"/> with the standard resilience pipeline, the shop's throttle and authentication, and the
    /// <see cref="WooCommerceChannel"/>. Several shops are several calls with different names.
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel name (also the options name).</param>
    /// <param name="configure">Sets the shop's options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddWooCommerce(this IConnectorsBuilder builder, string name, Action<WooCommerceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<WooCommerceOptions>(name).Configure(configure);
        return Register(builder, name);
    }

    /// <summary>Adds one WooCommerce shop as channel <paramref name="name"/> with options bound from a configuration section.</summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel name (also the options name).</param>
    /// <param name="configuration">The section holding <see cref="WooCommerceOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddWooCommerce(this IConnectorsBuilder builder, string name, IConfigurationSection configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<WooCommerceOptions>(name)
            .Configure(o => StrictConfiguration.Bind(configuration, c => c.Bind(o, b => b.ErrorOnUnknownConfiguration = true)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<WooCommerceOptions>>(new ConfigurationChangeTokenSource<WooCommerceOptions>(name, configuration));
        return Register(builder, name);
    }

    private static IConnectorsBuilder Register(IConnectorsBuilder builder, string name)
    {
        var services = builder.Services;
        var marker = new ChannelMarker(name);
        if (services.Any(d => d.ServiceType == typeof(ChannelMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return builder; // the second call with the same name only adds its Configure
        }

        services.AddSingleton(marker);
        services.AddOptions<WooCommerceOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WooCommerceOptions>, WooCommerceOptionsDataAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WooCommerceOptions>, WooCommerceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ThrottleRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Polly.Telemetry.TelemetryOptions>>(new ResilienceLogSeverity("Connectors.WooCommerce:")));

        var http = services.AddHttpClient(WooCommerceClient.HttpClientName(name));
        http.AddResilienceHandler("woocommerce", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(name);
            var standard = new HttpStandardResilienceOptions();
            standard.AttemptTimeout.Timeout = options.AttemptTimeout;
            standard.TotalRequestTimeout.Timeout = (options.AttemptTimeout * (options.MaxRetries + 1)) + TimeSpan.FromMinutes(1);
            standard.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
            standard.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
            standard.Retry.ShouldRetryAfterHeader = true;
            var defaultShouldHandle = standard.Retry.ShouldHandle;
            // A refund or note POST is never retried here: a lost answer must not refund twice or add a second note. The
            // failure surfaces as transient; the engine's retry looks first (refunds and notes carry markers it finds).
            standard.Retry.ShouldHandle = args =>
                // A certificate the host does not trust is configuration, not a passing failure: never retried.
                TrustedCertificate.IsCertificateFailure(args.Outcome.Exception) ? ValueTask.FromResult(false) :
                // The request comes from the context: after a connection reset there is no response to read it from.
                (args.Context.GetRequestMessage() ?? args.Outcome.Result?.RequestMessage) is { } sent && sent.Method == HttpMethod.Post
                    && sent.RequestUri?.AbsolutePath is { } path
                    && (path.EndsWith("/refunds", StringComparison.Ordinal) || path.EndsWith("/notes", StringComparison.Ordinal))
                    ? ValueTask.FromResult(false)
                    : options.MaxRetries == 0 ? ValueTask.FromResult(false) : defaultShouldHandle(args);
            pipeline
                .AddTimeout(standard.TotalRequestTimeout)
                .AddRetry(standard.Retry)
                .AddCircuitBreaker(standard.CircuitBreaker)
                .AddTimeout(standard.AttemptTimeout);
        });
        // Adjusts the primary handler the host configured (for every client or this one) instead of replacing it.
        http.ConfigurePrimaryHttpMessageHandler((handler, sp) => TrustedCertificate.Apply(handler, sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>().Get(name)));
        http.AddHttpMessageHandler(sp => new ThrottleHandler(sp.GetRequiredService<ThrottleRegistry>().Get(name), sp.GetRequiredService<TimeProvider>()));
        http.AddHttpMessageHandler(sp => new WooCommerceAuthHandler(sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>(), name, sp.GetRequiredService<TimeProvider>()));

        // One channel object per name, keyed as Shopify's is: the registry's channel and the IWebhookHandler in DI are
        // the same instance, so a host that resolves IEnumerable<IWebhookHandler> finds WooCommerce shops too.
        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var monitor = sp.GetRequiredService<IOptionsMonitor<WooCommerceOptions>>();
            var logger = (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger("Connectors.WooCommerce") ?? NullLogger.Instance;
            var client = new WooCommerceClient(sp.GetRequiredService<IHttpClientFactory>(), monitor, name, logger);
            return new WooCommerceChannel(name, client, new WooCommerceWebhookHandler(name, monitor), sp.GetRequiredService<TimeProvider>(), logger);
        });
        services.AddSingleton<IWebhookHandler>(sp => sp.GetRequiredKeyedService<WooCommerceChannel>(name));
        builder.AddChannel(name, WooCommerceChannel.PlatformName, sp => sp.GetRequiredKeyedService<WooCommerceChannel>(name));
        return builder;
    }

    private sealed record ChannelMarker(string Name);
}

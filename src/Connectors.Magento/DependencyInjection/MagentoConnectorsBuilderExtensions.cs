using Connectors;
using Connectors.Magento;
using Connectors.Magento.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Magento store views as channels: <c>services.AddConnectors().AddMagento("shop-m", o => ...)</c>.</summary>
public static class MagentoConnectorsBuilderExtensions
{
    /// <summary>
    /// Adds one Magento store view as channel <paramref name="name"/>: options (validated at start), a named
    /// <see cref="HttpClient"/> with the standard resilience pipeline and the store's authentication, and the
    /// <see cref="MagentoChannel"/>. Several stores are several calls with different names.
    /// </summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel name (also the options name).</param>
    /// <param name="configure">Sets the store's options.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddMagento(this IConnectorsBuilder builder, string name, Action<MagentoOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<MagentoOptions>(name).Configure(configure);
        return Register(builder, name);
    }

    /// <summary>Adds one Magento store view as channel <paramref name="name"/> with options bound from a configuration section.</summary>
    /// <param name="builder">The Connectors builder.</param>
    /// <param name="name">The channel name (also the options name).</param>
    /// <param name="configuration">The section holding <see cref="MagentoOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IConnectorsBuilder AddMagento(this IConnectorsBuilder builder, string name, IConfigurationSection configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<MagentoOptions>(name).Bind(configuration);
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
        services.AddOptions<MagentoOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MagentoOptions>, MagentoOptionsDataAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MagentoOptions>, MagentoOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<MagentoMetrics>();
        services.AddKeyedSingleton(name, (sp, _) => new AdminTokenSource(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<MagentoOptions>>(),
            name,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<MagentoMetrics>(),
            Logger(sp)));

        services.AddHttpClient(AdminTokenSource.HttpClientName(name)).AddResilienceHandler("magento-token", (pipeline, context) => Pipeline(pipeline, context.ServiceProvider, name, neverRetry: null));
        var http = services.AddHttpClient(MagentoClient.HttpClientName(name));
        http.AddResilienceHandler("magento", (pipeline, context) => Pipeline(pipeline, context.ServiceProvider, name, neverRetry: IsNotRepeatable));
        http.AddHttpMessageHandler(sp => new MagentoAuthHandler(
            sp.GetRequiredService<IOptionsMonitor<MagentoOptions>>(), name, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredKeyedService<AdminTokenSource>(name)));

        services.AddSingleton<IWebhookHandler>(sp => new MagentoWebhookHandler(name, sp.GetRequiredService<IOptionsMonitor<MagentoOptions>>()));
        builder.AddChannel(name, MagentoChannel.PlatformName, sp =>
        {
            var client = new MagentoClient(sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<IOptionsMonitor<MagentoOptions>>(), name, sp.GetRequiredService<TimeProvider>(), Logger(sp));
            return new MagentoChannel(name, client, sp.GetRequiredService<MagentoMetrics>(), sp.GetRequiredService<TimeProvider>(), Logger(sp));
        });
        return builder;
    }

    /// <summary>
    /// A shipment, a credit memo, a track or a comment is not sent twice by the pipeline: a lost answer must not ship, refund
    /// or comment twice.
    /// </summary>
    private static bool IsNotRepeatable(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath is { } path
        && (path.EndsWith("/ship", StringComparison.Ordinal) || path.EndsWith("/refund", StringComparison.Ordinal) || path.EndsWith("/comments", StringComparison.Ordinal) || path.EndsWith("/shipment/track", StringComparison.Ordinal));

    private static void Pipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, IServiceProvider services, string name, Func<HttpRequestMessage, bool>? neverRetry)
    {
        var options = services.GetRequiredService<IOptionsMonitor<MagentoOptions>>().Get(name);
        var standard = new HttpStandardResilienceOptions();
        standard.AttemptTimeout.Timeout = options.AttemptTimeout;
        standard.TotalRequestTimeout.Timeout = (options.AttemptTimeout * (options.MaxRetries + 1)) + TimeSpan.FromMinutes(1);
        standard.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
        standard.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        standard.Retry.ShouldRetryAfterHeader = true;
        var defaultShouldHandle = standard.Retry.ShouldHandle;
        standard.Retry.ShouldHandle = args =>
            options.MaxRetries == 0 || (neverRetry is not null && (args.Context.GetRequestMessage() ?? args.Outcome.Result?.RequestMessage) is { } sent && neverRetry(sent))
                ? ValueTask.FromResult(false)
                : defaultShouldHandle(args);
        pipeline
            .AddTimeout(standard.TotalRequestTimeout)
            .AddRetry(standard.Retry)
            .AddCircuitBreaker(standard.CircuitBreaker)
            .AddTimeout(standard.AttemptTimeout);
    }

    private static ILogger Logger(IServiceProvider services) =>
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger("Connectors.Magento") ?? NullLogger.Instance;

    private sealed record ChannelMarker(string Name);
}

using Connectors.WooCommerce.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Tests;

/// <summary>Builds a container with the Connectors front door and one or more WooCommerce shops.</summary>
internal static class TestHost
{
    public const string Channel = "shop-b";

    public static ServiceProvider Build(Action<WooCommerceOptions> configure, TimeProvider? time = null, string name = Channel, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        more?.Invoke(services);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddConnectors().AddWooCommerce(name, o =>
        {
            o.ConsumerKey = "ck_test";
            o.ConsumerSecret = "cs_test";
            o.WebhookSecret = "test-secret";
            o.MaxRetries = 0;
            configure(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public static WooCommerceChannel Channel_(this IServiceProvider services, string name = Channel) =>
        (WooCommerceChannel)services.GetRequiredService<IChannelRegistry>().GetChannel(name);

    public static WooCommerceClient Client(Action<WooCommerceOptions>? configure = null)
    {
        var options = new WooCommerceOptions { BaseUrl = new Uri("https://shop.example/"), ConsumerKey = "ck_test", ConsumerSecret = "cs_test" };
        configure?.Invoke(options);
        return new WooCommerceClient(new NoFactory(), new StaticMonitor(options), Channel, NullLogger.Instance);
    }

    internal sealed class StaticMonitor(WooCommerceOptions options) : IOptionsMonitor<WooCommerceOptions>
    {
        public WooCommerceOptions CurrentValue => options;

        public WooCommerceOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<WooCommerceOptions, string?> listener) => null;
    }

    private sealed class NoFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("No HTTP in this test.");
    }
}

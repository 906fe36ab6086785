using System.Net;
using Connectors.Inventory;
using Connectors.Mapping.Profiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>Where the host finds its shops and its state, and how it runs.</summary>
internal sealed record HostSettings(
    int Port,
    Uri ShopifyBaseAddress,
    string ShopifyAccessToken,
    string ShopifySecret,
    string ShopifyLocation,
    Uri WooBaseUrl,
    string WooKey,
    string WooSecret,
    string WooWebhookSecret,
    IReadOnlyDictionary<string, ChannelMappingProfile> Profiles)
{
    public const string Shopify = "shop-a";
    public const string Woo = "shop-b";
    public const string Magento = "shop-c";

    /// <summary>The Magento store (OAuth 1.0a integration), when the run has one.</summary>
    public MagentoEndpoint? MagentoStore { get; init; }

    /// <summary>The SQLite file, or null for the in-memory store.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>Whether the hosting workers run the flows (a real host) or the test drives them.</summary>
    public bool Workers { get; init; } = true;

    /// <summary>Whether the order channels are polled (off: webhooks are the only way in).</summary>
    public bool PollOrders { get; init; } = true;

    public TransportChaos? Chaos { get; init; }

    /// <summary>Whether a return the WMS received is refunded on the channel (<see cref="Connectors.Orders.ReturnRefundPolicy.WhenReceived"/>).</summary>
    public bool RefundReturns { get; init; }

    public ILoggerProvider? Logs { get; init; }
}

/// <summary>A Magento store and its integration's credentials.</summary>
internal sealed record MagentoEndpoint(Uri BaseUrl, string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret);

/// <summary>
/// The host under test, composed as a real one is: AddConnectors with the SQLite (or in-memory) store, the mapping
/// profiles, a Shopify and a WooCommerce channel on the emulators, AddHosting's workers, and the webhook endpoints on
/// Kestrel at 127.0.0.1. Retries are tightened so a run with faults converges in seconds.
/// </summary>
internal static class ReliabilityHost
{
    public static WebApplication Build(HostSettings settings, object warehouse)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (settings.Logs is not null)
        {
            builder.Logging.AddProvider(settings.Logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        builder.Services.AddSingleton((IWarehouseInventory)warehouse);
        builder.Services.AddSingleton((IWarehouseOrders)warehouse);
        if (warehouse is IWarehouseReturns returns)
        {
            builder.Services.AddSingleton(returns);
        }

        var connectors = builder.Services.AddConnectors(o =>
        {
            o.MaxAttempts = 30;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
            o.LeaseDuration = TimeSpan.FromSeconds(5);
            var shopify = new ChannelInventoryOptions();
            shopify.Locations.Add(new() { WarehouseLocation = "WH1", ChannelLocation = settings.ShopifyLocation });
            o.Inventory.Channels[HostSettings.Shopify] = shopify;
            if (settings.RefundReturns)
            {
                o.Orders.RefundOnReturn = Connectors.Orders.ReturnRefundPolicy.WhenReceived;
            }
        });
        if (settings.SqlitePath is { } path)
        {
            connectors.UseSqlite($"Data Source={path}");
        }

        connectors
            .AddMapping(o =>
            {
                foreach (var (channel, profile) in settings.Profiles)
                {
                    o.Channels[channel] = profile;
                }
            })
            .AddShopify(HostSettings.Shopify, o =>
            {
                o.BaseAddress = settings.ShopifyBaseAddress;
                o.AccessToken = settings.ShopifyAccessToken;
                o.ClientSecret = settings.ShopifySecret;
                o.DefaultLocationId = settings.ShopifyLocation;
                o.AssumedBucketSize = 20000; // the emulated store runs the Plus plan's limits
                o.AssumedRestoreRate = 1000;
            })
            .AddWooCommerce(HostSettings.Woo, o =>
            {
                o.BaseUrl = settings.WooBaseUrl;
                o.ConsumerKey = settings.WooKey;
                o.ConsumerSecret = settings.WooSecret;
                o.WebhookSecret = settings.WooWebhookSecret;
                o.AttemptTimeout = TimeSpan.FromSeconds(1);
                o.MaxRetries = 6;
            })
            .AddHosting(o =>
            {
                o.IdleDelay = TimeSpan.FromMilliseconds(50);
                o.OrderPollInterval = TimeSpan.FromMilliseconds(700);
                o.ReconciliationInterval = null;
                o.PollOrders = settings.PollOrders;
                o.MaxWebhookBodyBytes = 64 * 1024;
            });

        if (settings.MagentoStore is { } magento)
        {
            connectors.AddMagento(HostSettings.Magento, o =>
            {
                o.BaseUrl = magento.BaseUrl;
                o.ConsumerKey = magento.ConsumerKey;
                o.ConsumerSecret = magento.ConsumerSecret;
                o.AccessToken = magento.AccessToken;
                o.AccessTokenSecret = magento.AccessTokenSecret;
                o.AttemptTimeout = TimeSpan.FromSeconds(1);
                o.MaxRetries = 0; // the standard pipeline waits 2 s and more between retries; the engine's own retries are tightened above
                o.OrderPollOverlap = TimeSpan.FromSeconds(5);
                o.SourceCodes["WH1"] = "default"; // MSI: the WMS's one location is the store's default source
            });
        }

        // Shopify's standard pipeline: a short attempt timeout so an injected stall is a timeout, not a 10 s wait.
        builder.Services.Configure<HttpStandardResilienceOptions>("Connectors.Shopify." + HostSettings.Shopify + "-standard", o =>
        {
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(2);
            o.Retry.MaxRetryAttempts = 6;
            o.Retry.Delay = TimeSpan.FromMilliseconds(50);
        });

        if (settings.Chaos is { } chaos)
        {
            builder.Services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(chaos.CreateHandler));
        }

        if (!settings.Workers)
        {
            for (var i = builder.Services.Count - 1; i >= 0; i--)
            {
                if (builder.Services[i].ImplementationType?.Namespace == "Connectors.Hosting.Workers")
                {
                    builder.Services.RemoveAt(i);
                }
            }
        }

        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapConnectorWebhooks("/webhooks");
        return app;
    }
}

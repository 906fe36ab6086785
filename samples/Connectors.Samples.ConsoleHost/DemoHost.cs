using System.Net;
using Connectors.Inventory;
using Connectors.Mapping.Profiles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The composition of the sample host — the part to copy into your own host. One ASP.NET Core app on loopback:
/// the Connectors front door with the SQLite state store, the mapping profiles, the channels, the WMS ports and
/// <c>AddHosting()</c>, and the webhook endpoints at <c>/webhooks/{channel}</c>.
/// </summary>
internal static class DemoHost
{
    /// <summary>Where the channels are: emulator addresses (null for a real shop configured in settings).</summary>
    internal sealed record ChannelEndpoints(Uri? ShopifyBaseAddress, string ShopifyAccessToken, string ShopifySecret, int ShopifyBucketSize, int ShopifyRestoreRate, Uri? WooBaseUrl, string WooKey, string WooSecret, string WooWebhookSecret)
    {
        /// <summary>The Magento store, when one runs.</summary>
        public MagentoEndpoint? Magento { get; init; }
    }

    /// <summary>A Magento store signed in with an integration's four OAuth 1.0a credentials.</summary>
    internal sealed record MagentoEndpoint(Uri BaseUrl, string ConsumerKey, string ConsumerSecret, string AccessToken, string AccessTokenSecret);

    /// <summary>The Magento source each WMS location feeds (MSI: one source per warehouse).</summary>
    internal static readonly IReadOnlyDictionary<string, string> MagentoSources = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DemoCatalog.MainLocation] = "default",
        [DemoCatalog.OverflowLocation] = "overflow",
    };

    /// <summary>
    /// Builds the host. <paramref name="configuration"/> is read for real shops (<c>Connectors:Shopify</c>,
    /// <c>Connectors:WooCommerce</c>) when <paramref name="endpoints"/> is null; <paramref name="profiles"/> are the
    /// mapping profiles per channel and <paramref name="shopifyLocations"/> maps WMS locations to Shopify locations.
    /// </summary>
    public static WebApplication Build(
        IConfiguration configuration,
        DemoWarehouse warehouse,
        string databasePath,
        int port,
        ChannelEndpoints? endpoints,
        IReadOnlyDictionary<string, ChannelMappingProfile> profiles,
        IReadOnlyDictionary<string, string> shopifyLocations)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("CONNECTORS_SAMPLE_TRACE") is not null)
        {
            builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Debug);
        }
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));

        // Your WMS: the three ports the engine calls.
        builder.Services.AddSingleton(warehouse);
        builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
        builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
        builder.Services.AddSingleton<IWarehouseReturns>(warehouse);

        var connectors = builder.Services
            .AddConnectors(o =>
            {
                if (shopifyLocations.Count == 0)
                {
                    return;
                }

                // Each WMS location feeds one Shopify location (Shopify keeps stock per location).
                var shopify = new ChannelInventoryOptions();
                foreach (var (wmsLocation, shopLocation) in shopifyLocations)
                {
                    shopify.Locations.Add(new() { WarehouseLocation = wmsLocation, ChannelLocation = shopLocation });
                }

                o.Inventory.Channels[DemoOptions.ShopifyChannel] = shopify;
            })
            .UseSqlite($"Data Source={databasePath}")
            .AddMapping(o =>
            {
                foreach (var (channel, profile) in profiles)
                {
                    o.Channels[channel] = profile;
                }
            })
            // Registers the workers, the webhook receiver and the health check. The demo drives the flows itself
            // (see DemoScenario) so its phases can be shown one after the other; a real host keeps the workers.
            .AddHosting(o => o.FullSyncOnStart = false);

        if (endpoints is not null)
        {
            connectors
                .AddShopify(DemoOptions.ShopifyChannel, o =>
                {
                    o.BaseAddress = endpoints.ShopifyBaseAddress;
                    o.AccessToken = endpoints.ShopifyAccessToken;
                    o.ClientSecret = endpoints.ShopifySecret;
                    o.AssumedBucketSize = endpoints.ShopifyBucketSize; // the emulated store runs the Plus plan's limits
                    o.AssumedRestoreRate = endpoints.ShopifyRestoreRate;
                })
                .AddWooCommerce(DemoOptions.WooChannel, o =>
                {
                    o.BaseUrl = endpoints.WooBaseUrl;
                    o.ConsumerKey = endpoints.WooKey;
                    o.ConsumerSecret = endpoints.WooSecret;
                    o.WebhookSecret = endpoints.WooWebhookSecret;
                });
            if (endpoints.Magento is { } magento)
            {
                connectors.AddMagento(DemoOptions.MagentoChannel, o =>
                {
                    o.BaseUrl = magento.BaseUrl;
                    o.ConsumerKey = magento.ConsumerKey;
                    o.ConsumerSecret = magento.ConsumerSecret;
                    o.AccessToken = magento.AccessToken;
                    o.AccessTokenSecret = magento.AccessTokenSecret;
                    foreach (var (location, source) in MagentoSources)
                    {
                        o.SourceCodes[location] = source;
                    }

                    // The demo's sale starts and ends at arbitrary times; Magento schedules special prices by whole days,
                    // so the engine starts and ends it instead (see docs/pricing.md, Magento).
                    o.ScheduleSales = false;
                });
            }
        }
        else
        {
            // Real shops: only the ones configured are added (see docs/getting-started.md for the settings).
            if (RealShops.HasShopify(configuration))
            {
                connectors.AddShopify(DemoOptions.ShopifyChannel, configuration.GetSection(RealShops.ShopifySection));
            }

            if (RealShops.HasWooCommerce(configuration))
            {
                connectors.AddWooCommerce(DemoOptions.WooChannel, configuration.GetSection(RealShops.WooSection));
            }
        }

        RemoveWorkers(builder.Services);
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapConnectorWebhooks("/webhooks");
        app.MapHealthChecks("/health");
        return app;
    }

    /// <summary>
    /// Takes the hosting package's background workers out again: the demo calls the same engine services they call
    /// (IInventorySync, IOrderSync, IFulfillmentSync, IReconciler), in phases. Delete this call to run on the workers.
    /// </summary>
    private static void RemoveWorkers(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ImplementationType?.Namespace == "Connectors.Hosting.Workers")
            {
                services.RemoveAt(i);
            }
        }
    }
}

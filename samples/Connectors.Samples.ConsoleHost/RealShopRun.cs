using System.Net;
using System.Net.Sockets;
using Connectors.Mapping.Catalog;
using Connectors.Mapping.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The same host against real shops configured in settings (see <see cref="RealShops"/>). The WMS is still the demo
/// WMS with its generated catalogue, so by default this only reads: it loads each shop's catalogue, matches it to
/// the WMS SKUs by SKU and shows what a full sync would push. With <c>--live</c> it pushes and ingests orders —
/// only do that against a development store, after replacing the demo WMS with your own ports.
/// </summary>
internal sealed class RealShopRun(DemoOptions options, IConfiguration configuration, bool live, IDemoReporter reporter)
{
    /// <summary>
    /// WMS location to Shopify location GID, from <c>Sample:ShopifyLocations</c> (for example
    /// <c>Sample:ShopifyLocations:WH1 = gid://shopify/Location/123</c>); without it the engine would use the WMS
    /// location ids, which a real store rejects.
    /// </summary>
    private Dictionary<string, string> ShopifyLocations() =>
        configuration.GetSection("Sample:ShopifyLocations").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal);

    /// <summary>Runs against the configured shops.</summary>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var catalog = DemoCatalog.Generate(options.Skus, options.Seed);
        var warehouse = new DemoWarehouse(catalog.Stock);
        var dataDirectory = options.DataDirectory ?? Path.Combine(AppContext.BaseDirectory, "data");
        Directory.CreateDirectory(dataDirectory);
        var channels = new List<string>();
        if (RealShops.HasShopify(configuration))
        {
            channels.Add(DemoOptions.ShopifyChannel);
        }

        if (RealShops.HasWooCommerce(configuration))
        {
            channels.Add(DemoOptions.WooChannel);
        }

        // Auto-match the shops' catalogues to the WMS SKUs; put explicit items, packs and bundles here (or bind a
        // "Mapping" section with AddMapping(configuration.GetSection("Mapping"))).
        var profiles = channels.ToDictionary(c => c, _ => new ChannelMappingProfile { AutoMatch = new AutoMatchOptions { Enabled = true, IgnoreCase = true } }, StringComparer.Ordinal);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var app = DemoHost.Build(configuration, warehouse, Path.Combine(dataDirectory, "connectors.db"), port, endpoints: null, profiles, ShopifyLocations());
        await app.StartAsync(cancellationToken);

        var phase = reporter.Start("Loading shop catalogues", channels.Count);
        var loader = app.Services.GetRequiredService<IItemCatalogLoader>();
        foreach (var channel in channels)
        {
            var match = await loader.LoadAsync(channel, cancellationToken);
            reporter.Note($"{channel}: {match.Matched.Count} items matched to WMS SKUs, {match.Unmatched.Count} unmatched, {match.Ambiguous.Count} ambiguous");
            phase.Advance();
        }

        phase.Done();
        var inventory = app.Services.GetRequiredService<IInventorySync>();
        var plan = await inventory.DryRunAsync(cancellationToken);
        var summary = new DemoSummary { DryRun = !live, PlannedChanges = plan.Channels.ToDictionary(c => c.Channel, c => c.Changes.Count) };
        if (live)
        {
            phase = reporter.Start("Full sync and order poll (live)", channels.Count);
            await inventory.FullSyncAsync(cancellationToken);
            await DemoScenario.DrainInventoryAsync(inventory, channels, phase, cancellationToken);
            var orders = app.Services.GetRequiredService<IOrderSync>();
            foreach (var channel in channels)
            {
                await orders.PollAsync(channel, cancellationToken);
            }

            await orders.ProcessInboxAsync(cancellationToken);
            phase.Done();
            var deadLetters = await app.Services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            summary = summary with { OrdersIngested = warehouse.Orders.Count, DeadLetters = deadLetters };
        }

        await app.StopAsync(cancellationToken);
        return summary;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Connectors.Inventory;
using Connectors.Mapping.Profiles;
using Connectors.Testing.SapEwm;
using Connectors.Testing.Shopify;
using Connectors.Testing.WooCommerce;
using Connectors.Warehouse.SapEwm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Samples.ConsoleHost;

/// <summary>
/// The sample with SAP EWM as the warehouse (<c>--warehouse sap-ewm</c>): the S/4HANA + EWM emulator holds the stock
/// and takes the orders, Shopify and WooCommerce emulators are the shops, and the host composes
/// <c>AddConnectors().AddSapEwm(...)</c> with no WMS code of its own. Stock goes from EWM to both shops; each shop order
/// becomes an S/4HANA sales order, EWM picks, packs one parcel and posts goods issue, and the adapter's shipment
/// poll brings the parcel's tracking number back to the shop.
/// </summary>
internal sealed class SapEwmScenario(DemoOptions options, IDemoReporter? reporter = null)
{
    /// <summary>The EWM warehouse of the emulator (one stock location).</summary>
    public const string Warehouse = "1710";

    private const string WooWebhookSecret = "woo-demo-webhook-secret";
    private readonly IDemoReporter _reporter = reporter ?? SilentReporter.Instance;
    private readonly Random _random = new(options.Seed);

    /// <summary>Runs the scenario against the emulators.</summary>
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var skus = Enumerable.Range(1, Math.Min(options.Skus, 500)).Select(i => "MAT-" + i.ToString("D5", CultureInfo.InvariantCulture)).ToList();
        var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "connectors-sample-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();

        var phase = _reporter.Start("Starting SAP EWM, the shops and the host", 3);
        await using var sap = await SapEwmEmulator.StartAsync(cancellationToken: cancellationToken);
        sap.AddCustomers("17100001");
        foreach (var sku in skus)
        {
            // Stock over two bins and two stock types: only unrestricted-use stock (F2) is sold.
            sap.AddStock(Warehouse, sku, 20 + _random.Next(30), "F2", storageBin: "0010-01-01");
            sap.AddStock(Warehouse, sku, 5, "F2", storageBin: "0020-02-01");
            sap.AddStock(Warehouse, sku, 7, "Q2", storageBin: "QI-01");
        }

        await using var shopify = await ShopifyEmulator.StartAsync(
            new ShopifyEmulatorOptions { WebhookUrl = new Uri($"http://127.0.0.1:{port}/webhooks/{DemoOptions.ShopifyChannel}") }.UsePlan(ShopifyEmulatorPlan.Plus), cancellationToken);
        await using var woo = await WooCommerceEmulator.StartAsync(cancellationToken: cancellationToken);
        phase.Advance();
        var shopifyLocation = shopify.AddLocation("EWM warehouse " + Warehouse);
        var shopifyProfile = new ChannelMappingProfile();
        var wooProfile = new ChannelMappingProfile();
        var shopifyItems = new Dictionary<string, string>(StringComparer.Ordinal);
        var wooProducts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            var variant = shopify.AddVariant(sku);
            shopifyItems[sku] = variant.InventoryItemId;
            shopifyProfile.Items.Add(new ItemMapping { ChannelItemId = variant.InventoryItemId, Sku = sku, ChannelSku = sku });
            var product = woo.AddSimpleProduct(sku, 0, 10m);
            wooProducts[sku] = product;
            wooProfile.Items.Add(new ItemMapping { ChannelItemId = product.ToString(CultureInfo.InvariantCulture), Sku = sku, ChannelSku = sku });
        }

        phase.Advance();
        await using var app = BuildHost(sap, shopify, woo, shopifyLocation, shopifyProfile, wooProfile, Path.Combine(dataDirectory, "connectors.db"), port);
        await app.StartAsync(cancellationToken);
        phase.Done($"SAP {sap.Host}, Shopify {shopify.BaseAddress}, WooCommerce {woo.BaseUrl}, state {dataDirectory}");

        var services = app.Services;
        var inventory = services.GetRequiredService<IInventorySync>();
        var orders = services.GetRequiredService<IOrderSync>();
        var fulfillment = services.GetRequiredService<IFulfillmentSync>();
        var registry = services.GetRequiredService<IChannelRegistry>();
        string[] channels = [DemoOptions.ShopifyChannel, DemoOptions.WooChannel];

        // 1. Full inventory sync: the engine reads WarehouseAvailableStock (streamed) and pushes to both shops.
        phase = _reporter.Start("Full inventory sync from SAP EWM", skus.Count * 2);
        await inventory.FullSyncAsync(cancellationToken);
        await DemoScenario.DrainInventoryAsync(inventory, channels, phase, cancellationToken);
        phase.Done($"{skus.Count} materials, {sap.PagesServed("WarehouseAvailableStock")} stock pages read");

        // 2. Orders: Shopify by webhook, WooCommerce by polling; each becomes a sales order in S/4HANA.
        phase = _reporter.Start("Orders placed, sales orders created", options.Orders);
        var placed = new List<(string Channel, string OrderId)>();
        for (var i = 0; i < options.Orders; i++)
        {
            var lines = Enumerable.Range(0, 1 + _random.Next(2)).Select(_ => skus[_random.Next(skus.Count)]).Distinct(StringComparer.Ordinal).Select(s => (Sku: s, Quantity: 1 + _random.Next(3))).ToList();
            if (i % 2 == 0)
            {
                placed.Add((DemoOptions.ShopifyChannel, await shopify.CreateOrderAsync([.. lines.Select(l => new ShopifyEmulatorLine
                {
                    Sku = l.Sku,
                    Quantity = l.Quantity,
                    UnitPrice = 19.95m,
                })], "EUR", cancellationToken)));
            }
            else
            {
                placed.Add((DemoOptions.WooChannel, woo.AddOrder("processing", [.. lines.Select(l => new WooCommerceEmulatorLine
                {
                    ProductId = wooProducts[l.Sku],
                    Quantity = l.Quantity,
                    Price = 19.95m,
                })]).ToString(CultureInfo.InvariantCulture)));
            }

            phase.Advance();
        }

        foreach (var channel in channels)
        {
            await orders.PollAsync(channel, cancellationToken);
        }

        await DrainInboxAsync(orders, cancellationToken);
        phase.Done($"{placed.Count} orders, {sap.SalesOrderCount} sales orders in S/4HANA, {sap.OpenDeliveries().Count} outbound delivery orders in EWM");

        // 3. EWM picks, packs and posts goods issue; the adapter's shipment poll (also run by its hosted worker every
        //    PollInterval) publishes each parcel with its tracking number, and the engine confirms it on the shop.
        phase = _reporter.Start("Picked, packed and goods-issued in EWM", 2);
        var shipped = sap.ShipOpenDeliveries();
        phase.Advance();
        var published = await services.GetRequiredService<SapEwmShipmentPoller>().PollAsync(cancellationToken);
        await DrainOutboxAsync(fulfillment, cancellationToken);

        // Stock after goods issue: what the worker's stock deltas do, here at once.
        var levels = new List<StockLevel>();
        await foreach (var level in services.GetRequiredService<IWarehouseInventory>().GetStockLevelsAsync(cancellationToken: cancellationToken))
        {
            levels.Add(level);
        }

        await inventory.RecordStockLevelsAsync(levels, cancellationToken);
        await DemoScenario.DrainInventoryAsync(inventory, channels, null, cancellationToken);
        phase.Done($"{shipped.Count} deliveries goods-issued, {published} shipments published");

        // The end state, read back from the shops through their channels.
        var tracking = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (delivery, number) in shipped)
        {
            tracking[number] = delivery;
        }

        var confirmed = 0;
        var duplicated = 0;
        foreach (var (channel, orderId) in placed)
        {
            var fulfilments = await ((IFulfillmentChannel)registry.GetChannel(channel)).ListFulfillmentsAsync(orderId, cancellationToken);
            var withTracking = fulfilments.Count(f => f.Tracking.Any(t => tracking.ContainsKey(t.Number)));
            confirmed += Math.Min(1, withTracking);
            duplicated += Math.Max(0, withTracking - 1);
        }

        var mismatches = new List<string>();
        foreach (var sku in skus)
        {
            var free = (int)sap.StockOf(Warehouse, sku, "F2");
            var shopifyLevel = shopify.GetAvailable(shopifyItems[sku], shopifyLocation);
            var wooLevel = woo.GetStock(wooProducts[sku]);
            if (shopifyLevel != free || wooLevel != free)
            {
                mismatches.Add($"{sku}: EWM {free}, Shopify {shopifyLevel}, WooCommerce {wooLevel}");
            }
        }

        var deadLetters = await services.GetRequiredService<IDeadLetters>().ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        await app.StopAsync(cancellationToken);
        return new DemoSummary
        {
            ApiCalls = shopify.Calls + woo.RequestCount + sap.Requests.Count,
            OrdersPlaced = placed.Count,
            OrdersByWebhook = placed.Count(p => p.Channel == DemoOptions.ShopifyChannel),
            OrdersIngested = sap.SalesOrderCount,
            OrdersDuplicated = placed.Count(p => sap.SalesOrdersWithReference(p.Channel + ":" + p.OrderId).Count > 1),
            ShipmentsPublished = published,
            ShipmentsConfirmed = confirmed,
            ShipmentsDuplicated = duplicated,
            DeadLetters = deadLetters,
            LevelsChecked = skus.Count * 2,
            LevelMismatches = mismatches,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The host: the same front door as <see cref="DemoHost"/>, with SAP EWM as the warehouse instead of host code.</summary>
    private static WebApplication BuildHost(
        SapEwmEmulator sap, ShopifyEmulator shopify, WooCommerceEmulator woo, string shopifyLocation, ChannelMappingProfile shopifyProfile, ChannelMappingProfile wooProfile, string databasePath, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddConnectors(o =>
            {
                var shopifyInventory = new ChannelInventoryOptions();
                shopifyInventory.Locations.Add(new() { WarehouseLocation = Warehouse, ChannelLocation = shopifyLocation });
                o.Inventory.Channels[DemoOptions.ShopifyChannel] = shopifyInventory;
            })
            .UseSqlite($"Data Source={databasePath}")
            .AddMapping(o =>
            {
                o.Channels[DemoOptions.ShopifyChannel] = shopifyProfile;
                o.Channels[DemoOptions.WooChannel] = wooProfile;
            })
            .AddHosting(o => o.FullSyncOnStart = false)
            .AddSapEwm(o =>
            {
                // In a real host: appsettings (Connectors:SapEwm) with the system's HTTPS address and a communication
                // user or OAuth client; see docs/warehouses/sap-ewm.md.
                o.Host = sap.Host;
                o.AllowInsecureHttp = true; // the emulator on loopback only
                o.SapClient = sap.SapClient;
                o.UserName = sap.UserName;
                o.Password = sap.Password;
                o.Warehouses.Add(Warehouse);
                o.SalesOrganization = "1710";
                o.DistributionChannel = "10";
                o.OrganizationDivision = "00";
                o.SoldToParty = "17100001";
                o.CarrierNames["17300001"] = "UPS";
                o.PollInterval = TimeSpan.FromSeconds(2);
            })
            .AddShopify(DemoOptions.ShopifyChannel, o =>
            {
                o.BaseAddress = shopify.BaseAddress;
                o.AccessToken = shopify.Options.AccessToken;
                o.ClientSecret = shopify.Options.ClientSecret;
                o.AssumedBucketSize = shopify.Options.BucketSize;
                o.AssumedRestoreRate = shopify.Options.RestoreRate;
            })
            .AddWooCommerce(DemoOptions.WooChannel, o =>
            {
                o.BaseUrl = woo.BaseUrl;
                o.ConsumerKey = woo.ConsumerKey;
                o.ConsumerSecret = woo.ConsumerSecret;
                o.WebhookSecret = WooWebhookSecret;
            });

        // As in DemoHost: the scenario drives the engine's flows in phases; the SAP EWM worker stays.
        for (var i = builder.Services.Count - 1; i >= 0; i--)
        {
            if (builder.Services[i].ImplementationType?.Namespace == "Connectors.Hosting.Workers")
            {
                builder.Services.RemoveAt(i);
            }
        }

        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapConnectorWebhooks("/webhooks");
        return app;
    }

    private static async Task DrainInboxAsync(IOrderSync orders, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 200; pass++)
        {
            var result = await orders.ProcessInboxAsync(cancellationToken);
            if (result.Claimed == 0)
            {
                return;
            }

            if (result.Completed == 0)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static async Task DrainOutboxAsync(IFulfillmentSync fulfillment, CancellationToken cancellationToken)
    {
        for (var pass = 0; pass < 200; pass++)
        {
            var result = await fulfillment.ProcessOutboxAsync(cancellationToken);
            if (result.Claimed == 0)
            {
                return;
            }

            if (result.Completed == 0)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

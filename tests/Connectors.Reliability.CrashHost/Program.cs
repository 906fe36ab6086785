using System.Globalization;
using Connectors;
using Connectors.Inventory;
using Connectors.Mapping.Profiles;
using Connectors.Reliability.CrashHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

// Usage: Connectors.Reliability.CrashHost <config-file>
// The config file (written by CrashRestartTests) holds key=value lines: state (the engine's SQLite file), wms (the WMS's
// SQLite file), the emulators' addresses and credentials (magentoUrl and its keys optional: a third shop whose item ids
// are the SKUs), and one "map=SKU|shopify inventory item|woo product|on hand"
// line per SKU. The host runs the hosting workers (full sync on start, inventory dispatch, order polling, inbox,
// outbox) and, as the WMS, publishes its levels when they change and one shipment per order it holds. It never stops
// by itself: the test kills it with SIGKILL. Deterministic crash points (SIGKILL to itself): CONNECTORS_CRASH_AFTER_SUBMIT=n
// (after the n-th WMS submit committed, before the engine hears back), CONNECTORS_CRASH_AFTER_PUBLISH=n (after the n-th
// shipment reached the outbox, before the WMS recorded it), CONNECTORS_CRASH_BETWEEN_WOO_WRITES=n (after the n-th WooCommerce
// shipment note, before the shipment meta that completes it). Progress goes to stdout ("started", "publishing <shipment>", "shipped <channel> <order>").
var config = File.ReadAllLines(args[0]).Where(l => l.Contains('=', StringComparison.Ordinal)).Select(l => l.Split('=', 2)).ToList();
string Get(string key) => config.First(c => c[0] == key)[1];
var maps = config.Where(c => c[0] == "map").Select(c => c[1].Split('|')).ToList();

const string ShopifyChannel = "shop-a";
const string WooChannel = "shop-b";
const string MagentoChannel = "shop-c";
var magentoUrl = config.FirstOrDefault(c => c[0] == "magentoUrl")?[1];
var warehouse = new SqliteWarehouse(Get("wms"), maps.ToDictionary(m => m[0], m => int.Parse(m[3], CultureInfo.InvariantCulture), StringComparer.Ordinal));

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.None);
builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
builder.Services.AddSingleton<IWarehouseOrders>(warehouse);

var shopifyProfile = new ChannelMappingProfile();
var wooProfile = new ChannelMappingProfile();
var magentoProfile = new ChannelMappingProfile();
foreach (var m in maps)
{
    magentoProfile.Items.Add(new ItemMapping { ChannelItemId = m[0], Sku = m[0], ChannelSku = m[0] });
    shopifyProfile.Items.Add(new ItemMapping { ChannelItemId = m[1], Sku = m[0], ChannelSku = m[0] });
    wooProfile.Items.Add(new ItemMapping { ChannelItemId = m[2], Sku = m[0], ChannelSku = m[0] });
}

builder.Services.AddConnectors(o =>
    {
        o.MaxAttempts = 30;
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        o.RetryMaxDelay = TimeSpan.FromMilliseconds(500);
        o.LeaseDuration = TimeSpan.FromSeconds(2); // a lease held by a killed process expires soon after the restart
        var shopify = new ChannelInventoryOptions();
        shopify.Locations.Add(new() { WarehouseLocation = SqliteWarehouse.Location, ChannelLocation = Get("shopifyLocation") });
        o.Inventory.Channels[ShopifyChannel] = shopify;
    })
    .UseSqlite($"Data Source={Get("state")}")
    .AddMapping(o =>
    {
        o.Channels[ShopifyChannel] = shopifyProfile;
        o.Channels[WooChannel] = wooProfile;
        if (magentoUrl is not null)
        {
            o.Channels[MagentoChannel] = magentoProfile;
        }
    })
    .AddShopify(ShopifyChannel, o =>
    {
        o.BaseAddress = new Uri(Get("shopifyUrl"));
        o.AccessToken = Get("shopifyToken");
        o.ClientSecret = Get("shopifySecret");
        o.DefaultLocationId = Get("shopifyLocation");
        o.AssumedBucketSize = 20000; // the emulated store runs the Plus plan's limits
        o.AssumedRestoreRate = 1000;
    })
    .AddWooCommerce(WooChannel, o =>
    {
        o.BaseUrl = new Uri(Get("wooUrl"));
        o.ConsumerKey = Get("wooKey");
        o.ConsumerSecret = Get("wooSecret");
        o.WebhookSecret = Get("wooWebhookSecret");
        o.AttemptTimeout = TimeSpan.FromSeconds(2);
    })
    .AddHosting(o =>
    {
        o.IdleDelay = TimeSpan.FromMilliseconds(50);
        o.OrderPollInterval = TimeSpan.FromMilliseconds(500);
        o.ReconciliationInterval = null;
    });
if (magentoUrl is not null)
{
    builder.Services.AddConnectors().AddMagento(MagentoChannel, o =>
    {
        o.BaseUrl = new Uri(magentoUrl);
        o.ConsumerKey = Get("magentoKey");
        o.ConsumerSecret = Get("magentoSecret");
        o.AccessToken = Get("magentoToken");
        o.AccessTokenSecret = Get("magentoTokenSecret");
        o.AttemptTimeout = TimeSpan.FromSeconds(2);
        o.OrderPollOverlap = TimeSpan.FromSeconds(5);
        o.SourceCodes[SqliteWarehouse.Location] = "default"; // MSI: the WMS's one location is the store's default source
    });
}

builder.Services.Configure<HttpStandardResilienceOptions>("Connectors.Shopify." + ShopifyChannel + "-standard", o =>
{
    o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
    o.Retry.Delay = TimeSpan.FromMilliseconds(50);
});

if (SqliteWarehouse.CrashPoint("CONNECTORS_CRASH_BETWEEN_WOO_WRITES") is > 0 and var wooMeta)
{
    builder.Services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new CrashBetweenWooShipmentWritesHandler(wooMeta)));
}

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("started");
var events = host.Services.GetRequiredService<IConnectorEvents>();

// The WMS side. Its own state is in its SQLite file; what it last published lives in memory only, so after a restart
// it publishes every level again (a WMS does not know whether the engine got its last message before the crash).
var crashAfterPublish = SqliteWarehouse.CrashPoint("CONNECTORS_CRASH_AFTER_PUBLISH");
var publishes = 0;
var published = new Dictionary<string, (decimal OnHand, decimal Reserved)>(StringComparer.Ordinal);
while (true)
{
    var changed = warehouse.Levels().Where(l => !published.TryGetValue(l.Sku, out var p) || p != (l.OnHand, l.Reserved)).ToList();
    if (changed.Count > 0)
    {
        await events.PublishStockLevelsAsync(changed);
        foreach (var level in changed)
        {
            published[level.Sku] = (level.OnHand, level.Reserved);
        }
    }

    // One parcel per order; the shipment id is derived from the order, so a shipment published again after a crash
    // (published, then killed before the WMS recorded it) is the same shipment.
    foreach (var (channel, orderId, lines) in warehouse.Unshipped())
    {
        var shipmentId = "SHP-" + channel + "-" + orderId;
        Console.WriteLine($"publishing {shipmentId}");
        await events.PublishShipmentAsync(new WarehouseShipment(shipmentId, channel, orderId, lines, DateTimeOffset.UtcNow, "DHL", null,
            [new TrackingInfo("TRK-" + channel + "-" + orderId)]));
        if (++publishes == crashAfterPublish)
        {
            SqliteWarehouse.Crash(); // the shipment is in the engine's outbox; the WMS never recorded that it handed it over
        }

        warehouse.MarkShipped(channel, orderId, shipmentId);
        Console.WriteLine($"shipped {channel} {orderId}");
    }

    await Task.Delay(150);
}

// A host composed from the packages the way the README shows, run against the emulators of Connectors.Shopify.Testing
// and Connectors.WooCommerce.Testing:
// the hosting package's inventory worker runs the full sync at start, then a stock change the WMS publishes reaches
// both shops. Exit code 0 when every level on both shops equals the WMS's, 1 with the differences otherwise.
using System.Diagnostics;
using System.Globalization;
using Connectors;
using Connectors.Inventory;
using Connectors.Mapping.Profiles;
using Connectors.Testing;
using Connectors.Testing.Shopify;
using Connectors.Testing.WooCommerce;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

const string WarehouseLocation = "WH1";
var timeout = TimeSpan.FromSeconds(60);
var clock = Stopwatch.StartNew();

await using var shopify = await ShopifyEmulator.StartAsync(new ShopifyEmulatorOptions
{
    // Documents are checked against Shopify's published schema when the contracts folder is beside the checkout.
    ValidateDocuments = ContractFiles.Root is not null,
});
await using var woo = await WooCommerceEmulator.StartAsync();
var shopLocation = shopify.AddLocation("Main warehouse");

// The WMS: on hand and reserved per SKU; the shops should show on hand less reserved.
var warehouse = new FakeWarehouse();
var stock = new Dictionary<string, (decimal OnHand, decimal Reserved)>(StringComparer.Ordinal)
{
    ["CONSUMER-1"] = (12m, 2m),
    ["CONSUMER-2"] = (5m, 0m),
    ["CONSUMER-3"] = (0m, 0m),
};
warehouse.SetStock([.. stock.Select(s => new StockLevel(s.Key, WarehouseLocation, s.Value.OnHand, s.Value.Reserved))]);

// The shops start with other quantities, so nothing matches until the sync has pushed.
var shopifyProfile = new ChannelMappingProfile();
var wooProfile = new ChannelMappingProfile();
var shopifyItems = new Dictionary<string, string>(StringComparer.Ordinal);
var wooProducts = new Dictionary<string, long>(StringComparer.Ordinal);
foreach (var sku in stock.Keys)
{
    var variant = shopify.AddVariant(sku, available: 99, locationId: shopLocation);
    shopifyItems[sku] = variant.InventoryItemId;
    shopifyProfile.Items.Add(new ItemMapping { ChannelItemId = variant.InventoryItemId, Sku = sku, ChannelSku = sku });
    var product = woo.AddSimpleProduct(sku, stock: 99);
    wooProducts[sku] = product;
    wooProfile.Items.Add(new ItemMapping { ChannelItemId = product.ToString(CultureInfo.InvariantCulture), Sku = sku, ChannelSku = sku });
}

var data = Directory.CreateTempSubdirectory("connectors-consumer-");
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
builder.Services
    .AddConnectors(o =>
    {
        var shopifyInventory = new ChannelInventoryOptions();
        shopifyInventory.Locations.Add(new() { WarehouseLocation = WarehouseLocation, ChannelLocation = shopLocation });
        o.Inventory.Channels["shopify"] = shopifyInventory;
    })
    .UseSqlite($"Data Source={Path.Combine(data.FullName, "connectors.db")}")
    .AddMapping(o =>
    {
        o.Channels["shopify"] = shopifyProfile;
        o.Channels["woocommerce"] = wooProfile;
    })
    .AddShopify("shopify", o =>
    {
        o.BaseAddress = shopify.BaseAddress;
        o.AccessToken = shopify.Options.AccessToken;
        o.ClientSecret = shopify.Options.ClientSecret;
        o.DefaultLocationId = shopLocation;
    })
    .AddWooCommerce("woocommerce", o =>
    {
        o.BaseUrl = woo.BaseUrl;
        o.ConsumerKey = woo.ConsumerKey;
        o.ConsumerSecret = woo.ConsumerSecret;
    })
    .AddHosting(o =>
    {
        o.IdleDelay = TimeSpan.FromMilliseconds(100);
        o.PollOrders = false;
        o.ReconciliationInterval = null;
    });

using var host = builder.Build();
await host.StartAsync();
try
{
    // 1. The full sync at start.
    var differences = await WaitForLevelsAsync();
    if (differences.Count > 0)
    {
        return Fail("after the start-up full sync", differences);
    }

    Console.WriteLine($"full sync: {stock.Count} SKUs on Shopify and WooCommerce equal the WMS ({clock.Elapsed.TotalSeconds:0.0} s)");

    // 2. A change the WMS publishes.
    stock["CONSUMER-2"] = (3m, 0m);
    stock["CONSUMER-3"] = (7m, 1m);
    var changed = new[] { "CONSUMER-2", "CONSUMER-3" }.Select(s => new StockLevel(s, WarehouseLocation, stock[s].OnHand, stock[s].Reserved)).ToList();
    warehouse.SetStock([.. changed]);
    await host.Services.GetRequiredService<IConnectorEvents>().PublishStockLevelsAsync(changed);
    differences = await WaitForLevelsAsync();
    if (differences.Count > 0)
    {
        return Fail("after the WMS published a change", differences);
    }

    Console.WriteLine($"stock change: {changed.Count} SKUs pushed to both shops ({clock.Elapsed.TotalSeconds:0.0} s)");
    Console.WriteLine($"consumer: OK (Shopify {shopify.Calls} calls, WooCommerce {woo.RequestCount} requests)");
    return 0;
}
finally
{
    await host.StopAsync();
    data.Delete(recursive: true);
}

async Task<List<string>> WaitForLevelsAsync()
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        var differences = Compare();
        if (differences.Count == 0 || deadline.Elapsed > timeout)
        {
            return differences;
        }

        await Task.Delay(100);
    }
}

List<string> Compare()
{
    var differences = new List<string>();
    foreach (var (sku, (onHand, reserved)) in stock)
    {
        var expected = (int)(onHand - reserved);
        var onShopify = shopify.GetAvailable(shopifyItems[sku], shopLocation);
        if (onShopify != expected)
        {
            differences.Add($"Shopify {sku}: shop {Show(onShopify)}, WMS {expected}");
        }

        var onWoo = woo.GetStock(wooProducts[sku]);
        if (onWoo != expected)
        {
            differences.Add($"WooCommerce {sku}: shop {Show(onWoo)}, WMS {expected}");
        }
    }

    return differences;
}

int Fail(string when, List<string> differences)
{
    Console.Error.WriteLine($"consumer: FAILED: levels differ {when} (waited {timeout.TotalSeconds:0} s):");
    foreach (var difference in differences)
    {
        Console.Error.WriteLine("  " + difference);
    }

    return 1;
}

static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "none";

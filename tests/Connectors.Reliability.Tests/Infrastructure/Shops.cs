using System.Globalization;
using Connectors.Mapping.Profiles;
using Connectors.Testing.Magento;
using Connectors.Testing.Shopify;
using Connectors.Testing.WooCommerce;

namespace Connectors.Reliability.Tests.Infrastructure;

/// <summary>
/// The emulated shops with one catalogue: every WMS SKU is a Shopify variant and a WooCommerce simple product, and, when
/// asked for, a Magento simple product (item id = SKU, one source).
/// </summary>
internal sealed class Shops : IAsyncDisposable
{
    public const string WooWebhookSecret = "whsec-woo-3f9a1c7e5b2d4e6f";

    private Shops(ShopifyEmulator shopify, WooCommerceEmulator woo, string location)
    {
        Shopify = shopify;
        Woo = woo;
        ShopifyLocation = location;
    }

    public ShopifyEmulator Shopify { get; }

    public WooCommerceEmulator Woo { get; }

    public string ShopifyLocation { get; }

    /// <summary>The Magento store, when the run has one.</summary>
    public MagentoEmulator? Magento { get; private set; }

    public List<string> Skus { get; } = [];

    /// <summary>SKU -> Shopify InventoryItem GID.</summary>
    public Dictionary<string, string> ShopifyItems { get; } = new(StringComparer.Ordinal);

    /// <summary>SKU -> WooCommerce product id.</summary>
    public Dictionary<string, long> WooProducts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ChannelMappingProfile> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts both emulators (Shopify delivers webhooks to <paramref name="hostPort"/>) and seeds <paramref name="skus"/> SKUs.</summary>
    public static async Task<Shops> StartAsync(int hostPort, int skus, CancellationToken cancellationToken, bool shopifyWebhooks = true, bool magento = false)
    {
        var shopify = await ShopifyEmulator.StartAsync(
            new ShopifyEmulatorOptions
            {
                AccessToken = "shpat_7d1e9b3c5a8f2e4d6c0b",
                ClientSecret = "shpss_2b4d6f8a0c1e3a5c7e9b",
                WebhookUrl = shopifyWebhooks ? new Uri($"http://127.0.0.1:{hostPort}/webhooks/{HostSettings.Shopify}") : null,
                WebhookAttempts = 5,
            }.UsePlan(ShopifyEmulatorPlan.Plus), // a FulfillmentOrders look-up asks ~500 points: smaller plans make shipments wait seconds each
            cancellationToken);
        var woo = await WooCommerceEmulator.StartAsync(cancellationToken: cancellationToken);
        woo.ConsumerSecret = "cs_5e7a9c1b3d5f7a9c1e3b5d7f";
        woo.MaxConcurrentRequests = 2; // a small shop: more at once get 429 + Retry-After
        woo.ThrottleRetryAfter = TimeSpan.FromMilliseconds(200);
        var shops = new Shops(shopify, woo, shopify.AddLocation("Main warehouse"));
        var magentoProfile = new ChannelMappingProfile();
        if (magento)
        {
            shops.Magento = await MagentoEmulator.StartAsync(cancellationToken: cancellationToken);
        }

        var shopifyProfile = new ChannelMappingProfile();
        var wooProfile = new ChannelMappingProfile();
        for (var i = 1; i <= skus; i++)
        {
            var sku = "SKU-" + i.ToString("D4", CultureInfo.InvariantCulture);
            shops.Skus.Add(sku);
            var variant = shopify.AddVariant(sku, 0, shops.ShopifyLocation);
            shops.ShopifyItems[sku] = variant.InventoryItemId;
            var product = woo.AddSimpleProduct(sku, 0, 10m);
            shops.WooProducts[sku] = product;
            shopifyProfile.Items.Add(new ItemMapping { ChannelItemId = variant.InventoryItemId, Sku = sku, ChannelSku = sku });
            wooProfile.Items.Add(new ItemMapping { ChannelItemId = product.ToString(CultureInfo.InvariantCulture), Sku = sku, ChannelSku = sku });
            if (shops.Magento is { } store)
            {
                store.AddProduct(sku, price: 12.5m);
                magentoProfile.Items.Add(new ItemMapping { ChannelItemId = sku, Sku = sku, ChannelSku = sku });
            }
        }

        if (shops.Magento is not null)
        {
            shops.Profiles[HostSettings.Magento] = magentoProfile;
        }

        shops.Profiles[HostSettings.Shopify] = shopifyProfile;
        shops.Profiles[HostSettings.Woo] = wooProfile;
        return shops;
    }

    public HostSettings Settings(int port) => new(
        port,
        Shopify.BaseAddress,
        Shopify.Options.AccessToken,
        Shopify.Options.ClientSecret,
        ShopifyLocation,
        Woo.BaseUrl,
        Woo.ConsumerKey,
        Woo.ConsumerSecret,
        WooWebhookSecret,
        Profiles)
    {
        MagentoStore = Magento is { } m ? new MagentoEndpoint(m.BaseUrl, m.ConsumerKey, m.ConsumerSecret, m.AccessToken, m.AccessTokenSecret) : null,
    };

    /// <summary>The secrets a log must never show.</summary>
    public IReadOnlyList<string> Secrets => Magento is { } m
        ? [Shopify.Options.AccessToken, Shopify.Options.ClientSecret, Woo.ConsumerSecret, WooWebhookSecret, m.ConsumerSecret, m.AccessTokenSecret]
        : [Shopify.Options.AccessToken, Shopify.Options.ClientSecret, Woo.ConsumerSecret, WooWebhookSecret];

    /// <summary>Levels that differ from the WMS's available-to-sell: "channel sku: shop x, WMS y".</summary>
    public List<string> LevelMismatches(StockWarehouse warehouse)
    {
        var mismatches = new List<string>();
        foreach (var sku in Skus)
        {
            var free = warehouse.Free(sku);
            var shopify = Shopify.GetAvailable(ShopifyItems[sku], ShopifyLocation);
            if (shopify != free)
            {
                mismatches.Add($"{HostSettings.Shopify} {sku}: shop {shopify?.ToString(CultureInfo.InvariantCulture) ?? "none"}, WMS {free}");
            }

            var woo = Woo.GetStock(WooProducts[sku]);
            if (woo != free)
            {
                mismatches.Add($"{HostSettings.Woo} {sku}: shop {woo?.ToString(CultureInfo.InvariantCulture) ?? "none"}, WMS {free}");
            }

            if (Magento is { } magento && magento.GetSalableQuantity(sku) is var salable && salable != free)
            {
                mismatches.Add($"{HostSettings.Magento} {sku}: salable {salable.ToString(CultureInfo.InvariantCulture)}, WMS {free}");
            }
        }

        return mismatches;
    }

    public async ValueTask DisposeAsync()
    {
        await Shopify.DisposeAsync();
        await Woo.DisposeAsync();
        if (Magento is not null)
        {
            await Magento.DisposeAsync();
        }
    }
}

using Microsoft.Extensions.Configuration;

namespace Connectors.Samples.ConsoleHost;

/// <summary>The settings that switch the sample from the emulators to real shops.</summary>
internal static class RealShops
{
    /// <summary>Section of the Shopify store (<c>ShopifyOptions</c>: ShopDomain, AccessToken or ClientId/ClientSecret, ...).</summary>
    public const string ShopifySection = "Connectors:Shopify";

    /// <summary>Section of the WooCommerce shop (<c>WooCommerceOptions</c>: BaseUrl, ConsumerKey, ConsumerSecret, WebhookSecret, ...).</summary>
    public const string WooSection = "Connectors:WooCommerce";

    /// <summary>True when a Shopify store is configured.</summary>
    public static bool HasShopify(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ShopifySection + ":ShopDomain"]) || !string.IsNullOrWhiteSpace(configuration[ShopifySection + ":BaseAddress"]);

    /// <summary>True when a WooCommerce shop is configured.</summary>
    public static bool HasWooCommerce(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WooSection + ":BaseUrl"]);

    /// <summary>True when any real shop is configured: the sample then talks to it instead of the emulators.</summary>
    public static bool Any(IConfiguration configuration) => HasShopify(configuration) || HasWooCommerce(configuration);
}
